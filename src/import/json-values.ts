/** The source text of one JSON value and the line it starts on, or why reading it failed. */
export type JsonValueText = { line: number; text: string } | { line: number; error: string };

type Mode = 'array' | 'values' | 'lines';

/** How much of the file is looked at to tell a JSON array, JSON Lines and pretty-printed values apart. */
const SNIFF_CHARS = 1024 * 1024;

/**
 * Streams the values of a JSON export in constant memory, whatever its layout: the elements of a top-level array
 * (also behind a `window.YTD.tweets.part0 = ` assignment, as in X archives), JSON Lines, or JSON values one after
 * another (pretty-printed API responses). Only one value is held at a time.
 */
export async function* readJsonValues(
  chunks: AsyncIterable<string>,
  options: { maxValueChars: number },
): AsyncGenerator<JsonValueText> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let exhausted = false;
  while (!exhausted && !isSniffable(head)) {
    const next = await iterator.next();
    if (next.done) exhausted = true;
    else head += next.value;
  }
  head = head.replace(/^\uFEFF/, '');
  const mode = sniffMode(head);
  if (mode === null) return;
  const rest: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => (exhausted ? Promise.resolve({ done: true as const, value: undefined }) : iterator.next()),
    }),
  };
  const source = prepend(head, rest);
  if (mode === 'lines') yield* readLines(source, options.maxValueChars);
  else yield* scanValues(source, mode, options.maxValueChars);
}

/**
 * Enough text to choose the mode: an opening bracket, an assignment up to its "=", or an object's whole first line
 * (to tell JSON Lines from pretty-printed JSON); the sniff limit ends the wait in any case.
 */
function isSniffable(head: string): boolean {
  const start = head.search(/\S/);
  if (start < 0) return head.length >= SNIFF_CHARS;
  if (head[start] === '[') return true;
  const end = head[start] === '{' ? head.indexOf('\n', start) : head.slice(start).search(/[=\n]/);
  return end >= 0 || head.length >= SNIFF_CHARS;
}

function sniffMode(head: string): Mode | null {
  const start = head.search(/\S/);
  if (start < 0) return null;
  const text = head.slice(start);
  if (text.startsWith('[') || /^[A-Za-z_$][\w$.]*\s*=/.test(text)) return 'array';
  const newline = text.indexOf('\n');
  if (newline < 0) return 'values';
  try {
    JSON.parse(text.slice(0, newline));
    return 'lines';
  } catch {
    return 'values';
  }
}

async function* prepend(head: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  if (head !== '') yield head;
  yield* rest;
}

async function* readLines(chunks: AsyncIterable<string>, maxChars: number): AsyncGenerator<JsonValueText> {
  let pending = '';
  let line = 1;
  for await (const chunk of chunks) {
    pending += chunk;
    let from = 0;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const text = pending.slice(from, newline).trim();
      if (text !== '') yield { line, text };
      line += 1;
      from = newline + 1;
      newline = pending.indexOf('\n', from);
    }
    pending = pending.slice(from);
    if (pending.length > maxChars) {
      yield { line, error: `line longer than ${maxChars} characters; reading stopped` };
      return;
    }
  }
  if (pending.trim() !== '') yield { line, text: pending.trim() };
}

type Phase = 'beforeArray' | 'between' | 'inValue' | 'done' | 'stopped';

/**
 * Splits JSON text into top-level values ('values') or the elements of the first top-level array ('array') by
 * tracking strings and nesting; the values themselves are parsed later, one at a time.
 */
async function* scanValues(chunks: AsyncIterable<string>, mode: 'array' | 'values', maxChars: number) {
  let phase = (mode === 'array' ? 'beforeArray' : 'between') as Phase;
  let nest = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let valueLine = 1;
  let parts: string[] = [];
  let partsChars = 0;

  for await (const chunk of chunks) {
    const found: JsonValueText[] = [];
    let start = phase === 'inValue' ? 0 : -1;
    /** Ends the current value before `end`; the phase after it is 'between', or 'stopped' when it was too long. */
    const finish = (end: number): Phase => {
      const text = (parts.join('') + chunk.slice(start, end)).trim();
      parts = [];
      partsChars = 0;
      start = -1;
      found.push(text.length > maxChars ? tooLong(valueLine, maxChars) : { line: valueLine, text });
      return text.length > maxChars ? 'stopped' : 'between';
    };
    for (let i = 0; i < chunk.length && phase !== 'stopped'; i += 1) {
      const char = chunk[i]!;
      if (char === '\n') line += 1;
      if (phase === 'beforeArray') {
        if (char === '[') phase = 'between';
        continue;
      }
      if (phase === 'done') continue;
      if (phase === 'between') {
        if (isSpace(char) || (mode === 'array' && char === ',')) continue;
        if (mode === 'array' && char === ']') {
          phase = 'done';
          continue;
        }
        phase = 'inValue';
        valueLine = line;
        start = i;
        nest = 0;
        inString = false;
        escaped = false;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (char === '\\') escaped = true;
        else if (char === '"') inString = false;
        else if (char === '\n') {
          found.push({ line: valueLine, error: 'a string runs past the end of its line (broken or truncated value)' });
          parts = [];
          partsChars = 0;
          start = -1;
          phase = 'between';
        }
        continue;
      }
      if (char === '"') inString = true;
      else if (char === '{' || char === '[') nest += 1;
      else if (char === '}' || char === ']') {
        if (nest === 0) {
          phase = finish(i);
          if (phase === 'between' && mode === 'array' && char === ']') phase = 'done';
        } else {
          nest -= 1;
          if (nest === 0) phase = finish(i + 1);
        }
      } else if (nest === 0 && (isSpace(char) || char === ',')) phase = finish(i);
    }
    if (phase === 'inValue') {
      parts.push(chunk.slice(start));
      partsChars += chunk.length - start;
    }
    yield* found;
    if (phase === 'stopped') return;
    if (partsChars > maxChars) {
      yield tooLong(valueLine, maxChars);
      return;
    }
  }
  if (phase === 'inValue') yield { line: valueLine, error: 'the value is incomplete: the file ends inside it' };
  if (phase === 'beforeArray') yield { line: 1, error: 'no JSON array found after the assignment' };
  if (mode === 'array' && phase === 'between') {
    yield { line, error: 'the top-level array is not closed (truncated file?)' };
  }
}

function tooLong(line: number, maxChars: number): JsonValueText {
  return { line, error: `value longer than ${maxChars} characters; reading stopped` };
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

/**
 * Quotes integer literals of 16 or more digits outside strings, so that 64-bit ids (TikTok video ids, X's numeric
 * `id`) survive JSON.parse instead of losing their last digits.
 */
export function quoteBigIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  let out = '';
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (inString) {
      out += char;
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char >= '0' && char <= '9' && !/[\d.eE+-]/.test(text[i - 1] ?? '')) {
      const digits = /^\d+/.exec(text.slice(i, i + 40))![0];
      const next = text[i + digits.length] ?? '';
      if (digits.length >= 16 && !/[.eE]/.test(next)) {
        out += `"${digits}"`;
        i += digits.length - 1;
        continue;
      }
    }
    out += char;
  }
  return out;
}
