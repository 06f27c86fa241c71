import type { InputLine } from './line-reader.js';

/** One TSV record: its first line number and its fields, or why it could not be read. */
export type TsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** A quoted field may span lines (the CLEF 2020 claims do); one that never closes ends after this many lines. */
export const MAX_RECORD_LINES = 20;

/**
 * Tab-separated records with CSV-style quoting as pandas writes them: a field that starts with `"` runs to the
 * closing quote, `""` inside it is one quote, and it may contain tabs and newlines. Quotes elsewhere are literal.
 * An unclosed quote is reported on its first line and the lines it swallowed are read again as records.
 */
export async function* readTsvRecords(lines: AsyncIterable<InputLine>): AsyncGenerator<TsvRecord> {
  const held: InputLine[] = [];
  for await (const next of lines) {
    held.push(next);
    yield* drain(held, false);
  }
  yield* drain(held, true);
}

function* drain(held: InputLine[], atEnd: boolean): Generator<TsvRecord> {
  while (held.length > 0) {
    const first = held[0] as InputLine;
    if (first.text === null) {
      held.shift();
      yield { line: first.line, error: 'line too long' };
      continue;
    }
    const parsed = parseHeld(held);
    if (parsed !== null) {
      held.splice(0, parsed.lines);
      yield { line: first.line, fields: parsed.fields };
      continue;
    }
    if (!atEnd && held.length < MAX_RECORD_LINES && held.every((l) => l.text !== null)) return;
    held.shift();
    yield { line: first.line, error: 'quoted field is never closed' };
  }
}

/** Fields of the record starting at held[0], or null when it needs more lines than are held. */
function parseHeld(held: InputLine[]): { fields: string[]; lines: number } | null {
  let text = held[0]?.text ?? '';
  for (let used = 1; ; used++) {
    const fields = parseRecord(text);
    if (fields !== null) return { fields, lines: used };
    const more = held[used];
    if (more === undefined || more.text === null) return null;
    text += `\n${more.text}`;
  }
}

function parseRecord(text: string): string[] | null {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    let value = '';
    if (text[at] === '"') {
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return null;
        value += text.slice(from, quote);
        if (text[quote + 1] !== '"') {
          at = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
    }
    const tab = text.indexOf('\t', at);
    value += tab === -1 ? text.slice(at) : text.slice(at, tab);
    fields.push(value);
    if (tab === -1) return fields;
    at = tab + 1;
  }
}
