import { readCsvTable } from './csv-table.js';
import { ImportError } from './errors.js';
import { GENERIC_REQUIRED_COLUMNS, genericRecordToRow } from './generic-format.js';
import { quoteBigIntegers, readJsonValues } from './json-values.js';
import { META_CSV_REQUIRED, metaRowToRow } from './meta-csv-format.js';
import { readTextChunks } from './text-chunks.js';
import { tiktokValueToRows } from './tiktok-format.js';
import {
  DEFAULT_MAX_ROW_CHARS,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportOptions,
  type ImportRow,
} from './types.js';
import { xValueToRows } from './x-format.js';

/**
 * Streams the posts of an export file, one row at a time, in constant memory (a multi-GB file is never loaded).
 * Bad rows come back as `{ line, error }` and reading goes on; only a file that cannot be read as the format at all
 * (unknown format or encoding, CSV header without the required columns) throws ImportError.
 */
export function readImportFile(
  path: string,
  format: ImportFormat,
  options: ImportOptions = {},
): AsyncGenerator<ImportRow> {
  return readImport(readTextChunks(path, options), format, options);
}

/** The same over text chunks from anywhere (a file, stdin, a test generator). */
export async function* readImport(
  chunks: AsyncIterable<string>,
  format: ImportFormat,
  options: ImportOptions = {},
): AsyncGenerator<ImportRow> {
  const maxRowChars = options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
  switch (format) {
    case 'x':
      yield* readJsonRows(chunks, maxRowChars, (value, line) => xValueToRows(value, line, options));
      return;
    case 'tiktok':
      yield* readJsonRows(chunks, maxRowChars, tiktokValueToRows);
      return;
    case 'jsonl':
      yield* readJsonRows(chunks, maxRowChars, (value, line) =>
        isRecord(value)
          ? [genericRecordToRow(value, line, options.platform, options.timeZone)]
          : [{ line, error: 'each JSON value must be an object with id, platform, text...' }],
      );
      return;
    case 'meta-csv': {
      const formatName = 'Meta Content Library CSV';
      const table = { maxRecordChars: maxRowChars, required: META_CSV_REQUIRED, formatName };
      for await (const row of readCsvTable(chunks, table)) {
        yield 'error' in row ? row : metaRowToRow(row.row, row.line, options.platform ?? 'facebook', options.timeZone);
      }
      return;
    }
    case 'csv': {
      const table = { maxRecordChars: maxRowChars, required: GENERIC_REQUIRED_COLUMNS, formatName: 'CSV' };
      for await (const row of readCsvTable(chunks, table)) {
        yield 'error' in row ? row : genericRecordToRow(row.row, row.line, options.platform, options.timeZone);
      }
      return;
    }
    default:
      throw new ImportError(`unknown import format '${String(format)}'; supported: ${IMPORT_FORMATS.join(', ')}`);
  }
}

async function* readJsonRows(
  chunks: AsyncIterable<string>,
  maxValueChars: number,
  toRows: (value: unknown, line: number) => ImportRow[],
): AsyncGenerator<ImportRow> {
  for await (const value of readJsonValues(chunks, { maxValueChars })) {
    if ('error' in value) {
      yield value;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(quoteBigIntegers(value.text));
    } catch (cause) {
      yield { line: value.line, error: `invalid JSON: ${cause instanceof Error ? cause.message : String(cause)}` };
      continue;
    }
    yield* toRows(parsed, value.line);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a format name `vaksam import --format` accepts. */
export function isImportFormat(name: string): name is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}
