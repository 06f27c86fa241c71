/** One CSV record, or why reading stopped; `line` is the physical line the record starts on (1-based). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

export interface CsvOptions {
  /** Field separator; default ",". */
  delimiter?: string;
  /** A record longer than this stops parsing with an error (an unterminated quote would otherwise eat the file). */
  maxRecordChars: number;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the end of the field, or the first half of an escaped "". */
  QuoteInQuoted,
}

/**
 * Streaming RFC 4180 parser: quoted fields with "" escapes and embedded newlines, CRLF, LF or CR line ends, a
 * leading BOM. Lenient where real exports are sloppy: a quote inside an unquoted field is kept as text, text after
 * a closing quote is appended. Blank lines are skipped. Memory holds one record at a time.
 */
export async function* parseCsv(chunks: AsyncIterable<string>, options: CsvOptions): AsyncGenerator<CsvRecord> {
  const delimiter = options.delimiter ?? ',';
  let state = State.FieldStart;
  let fields: string[] = [];
  let field = '';
  let recordChars = 0;
  let line = 1;
  let recordLine = 1;
  let afterCr = false;
  let first = true;

  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const takeRecord = (): string[] | null => {
    endField();
    const record = fields.length === 1 && fields[0] === '' ? null : fields;
    fields = [];
    recordChars = 0;
    state = State.FieldStart;
    return record;
  };

  const delimiterCode = delimiter.charCodeAt(0);
  for await (let chunk of chunks) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    let i = 0;
    while (i < chunk.length) {
      if (afterCr) {
        afterCr = false;
        if (chunk[i] === '\n') {
          i += 1;
          continue;
        }
      }
      const next = nextSpecial(chunk, i, state === State.Quoted ? -1 : delimiterCode);
      if (next > i) {
        field += chunk.slice(i, next);
        recordChars += next - i;
        if (state !== State.Quoted) state = State.Unquoted;
      }
      if (recordChars > options.maxRecordChars) {
        const error = `record longer than ${options.maxRecordChars} characters (unterminated quote?); reading stopped`;
        yield { line: recordLine, error };
        return;
      }
      if (next >= chunk.length) break;
      const char = chunk[next]!;
      i = next + 1;
      recordChars += 1;
      if (state === State.Quoted) {
        if (char === '"') state = State.QuoteInQuoted;
        else {
          field += '\n';
          line += 1;
          afterCr = char === '\r';
        }
        continue;
      }
      if (char === '"') {
        if (state === State.QuoteInQuoted) {
          field += '"';
          state = State.Quoted;
        } else if (state === State.FieldStart) state = State.Quoted;
        else field += '"';
      } else if (char === delimiter) {
        endField();
        state = State.FieldStart;
      } else {
        afterCr = char === '\r';
        const record = takeRecord();
        if (record !== null) yield { line: recordLine, fields: record };
        line += 1;
        recordLine = line;
      }
    }
  }
  if (state === State.Quoted) {
    yield { line: recordLine, error: `unterminated quoted field in the record starting on line ${recordLine}` };
    return;
  }
  const record = takeRecord();
  if (record !== null) yield { line: recordLine, fields: record };
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Index of the next quote, line end or (outside quotes) delimiter at or after `from`, else the chunk length. Runs
 * of ordinary characters between them are then sliced in one go.
 */
function nextSpecial(chunk: string, from: number, delimiterCode: number): number {
  for (let i = from; i < chunk.length; i += 1) {
    const code = chunk.charCodeAt(i);
    if (code === QUOTE || code === LF || code === CR || code === delimiterCode) return i;
  }
  return chunk.length;
}
