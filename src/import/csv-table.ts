import { parseCsv } from './csv.js';
import { ImportError } from './errors.js';

/** A CSV data row keyed by lower-cased header name, or why it was rejected. */
export type CsvTableRow = { line: number; row: Record<string, string> } | { line: number; error: string };

export interface CsvTableOptions {
  maxRecordChars: number;
  /** Columns the header must have; a header without them rejects the whole file. */
  required: readonly string[];
  /** How the format is named in errors: "Meta Content Library CSV". */
  formatName: string;
}

/** Reads the header line, checks it, and yields each following record as an object. */
export async function* readCsvTable(
  chunks: AsyncIterable<string>,
  options: CsvTableOptions,
): AsyncGenerator<CsvTableRow> {
  let header: string[] | null = null;
  for await (const record of parseCsv(chunks, { maxRecordChars: options.maxRecordChars })) {
    if ('error' in record) {
      yield record;
      return;
    }
    if (header === null) {
      header = checkHeader(record.fields, options);
      continue;
    }
    if (record.fields.length > header.length) {
      yield {
        line: record.line,
        error: `${record.fields.length} fields but the header has ${header.length} (a stray delimiter or quote?)`,
      };
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, index) => {
      row[name] = record.fields[index] ?? '';
    });
    yield { line: record.line, row };
  }
  if (header === null) throw new ImportError(`the ${options.formatName} file is empty: no header line`);
}

function checkHeader(fields: string[], options: CsvTableOptions): string[] {
  const header = fields.map((name) => name.trim().toLowerCase());
  const missing = options.required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new ImportError(
      `line 1: the ${options.formatName} header lacks the column(s) ${missing.join(', ')}; ` +
        `found: ${header.join(', ') || '(none)'}; required: ${options.required.join(', ')}`,
    );
  }
  const duplicate = header.find((name, index) => name !== '' && header.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new ImportError(`line 1: the ${options.formatName} header repeats the column '${duplicate}'`);
  }
  return header;
}
