import { StringDecoder } from 'node:string_decoder';

/** One input line, 1-based; `text` is null when the line was longer than the limit (its content is dropped). */
export interface InputLine {
  line: number;
  text: string | null;
}

/** Default cap on one input line (plus its \r), in UTF-16 code units: far above any post, far below memory trouble. */
export const DEFAULT_MAX_LINE_CHARS = 1_000_000;

/**
 * Splits a byte stream into lines without ever holding more than `maxLineChars` of one line: an over-long line is
 * reported (text null) and skipped, and the lines after it are read normally. Handles \n and \r\n and a UTF-8 BOM.
 */
export async function* readBoundedLines(
  input: AsyncIterable<Buffer | string>,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
): AsyncGenerator<InputLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let tooLong = false;
  let line = 1;
  const take = (piece: string): void => {
    if (tooLong) return;
    pending += piece;
    if (pending.length > maxLineChars + 1) {
      tooLong = true;
      pending = '';
    }
  };
  const finish = (): InputLine => {
    const text = tooLong ? null : stripLineEnd(line === 1 ? pending.replace(/^\ufeff/u, '') : pending);
    const out = { line, text };
    pending = '';
    tooLong = false;
    line++;
    return out;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      yield finish();
      start = nl + 1;
    }
    take(text.slice(start));
  }
  take(decoder.end());
  if (pending !== '' || tooLong) yield finish();
}

function stripLineEnd(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
