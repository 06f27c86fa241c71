import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Claim } from './bm25-index.js';
import { claimFromFields, claimFromObject } from './claim-record.js';
import { ClaimsFileError, ClaimsInputError } from './errors.js';
import { DEFAULT_MAX_LINE_CHARS, type InputLine, readBoundedLines } from './line-reader.js';
import { readTsvRecords } from './tsv-records.js';

/**
 * Reads fact-checked claims, detecting the layout: a folder of JSON files (CLEF 2021 `vclaims/`), JSON lines
 * (`{"id","text"}` or CLEF 2021 `{"vclaim_id","vclaim","title"}`), or a TSV: with a header naming a `vclaim`/`text`
 * column (CLEF 2020 `verified_claims.docs.tsv`: `<id>\tvclaim\ttitle`) or without one (`id\ttext[\ttitle]`).
 * Streams files line by line; each bad line or file goes to onInvalid (with its line number) and is skipped.
 * `maxLineChars` caps one line, or a JSON file at four bytes per character.
 */
export async function readClaimsFile(
  path: string,
  onInvalid: (error: ClaimsInputError) => void,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
): Promise<Claim[]> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new ClaimsFileError(`${path}: cannot read claims file`, { cause, details: { path } });
  });
  const claims: Claim[] = [];
  const report = (where: string, message: string, line?: number): void => {
    const details = line === undefined ? { path: where } : { path: where, line };
    onInvalid(new ClaimsInputError(message, { details }));
  };
  const accept = (claim: Claim | string, where: string, line?: number): void => {
    if (typeof claim === 'string') report(where, `${line === undefined ? where : `${where}:${line}`}: ${claim}`, line);
    else claims.push(claim);
  };
  if (info.isDirectory()) await readJsonFolder(path, maxLineChars, accept, report);
  else await readLineFile(path, maxLineChars, accept, report);
  return claims;
}

type Accept = (claim: Claim | string, where: string, line?: number) => void;
type Report = (where: string, message: string, line?: number) => void;

async function readJsonFolder(dir: string, maxChars: number, accept: Accept, report: Report): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  for (const name of names) {
    const file = join(dir, name);
    const info = await stat(file);
    if (!info.isFile() || info.size > maxChars * 4) {
      report(file, `${file}: not a file of at most ${maxChars * 4} bytes`);
      continue;
    }
    const parsed = parseJson(await readFile(file, 'utf8'));
    if (parsed instanceof Error) report(file, `${file}: not JSON (${parsed.message})`);
    else accept(claimFromObject(parsed, basename(name, '.json')), file);
  }
}

async function readLineFile(path: string, maxChars: number, accept: Accept, report: Report): Promise<void> {
  const lines = readBoundedLines(createReadStream(path), maxChars)[Symbol.asyncIterator]();
  const head: InputLine[] = [];
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    head.push(next.value);
    if (next.value.text !== null && next.value.text.trim() !== '') break;
  }
  // The layout is read off the first usable line; over-long lines before it are reported by that layout's reader.
  const first = head.at(-1)?.text?.trimStart() ?? '';
  const all = prepend(head, lines);
  if (first.startsWith('{')) await readJsonLines(path, all, accept, report);
  else await readClaimTsv(path, all, accept, report);
}

async function readJsonLines(path: string, lines: AsyncIterable<InputLine>, accept: Accept, report: Report) {
  for await (const { line, text } of lines) {
    if (text === null) report(path, `${path}:${line}: line too long`, line);
    else if (text.trim() === '') continue;
    else {
      const parsed = parseJson(text);
      if (parsed instanceof Error) report(path, `${path}:${line}: not JSON (${parsed.message})`, line);
      else accept(claimFromObject(parsed), path, line);
    }
  }
}

async function readClaimTsv(path: string, lines: AsyncIterable<InputLine>, accept: Accept, report: Report) {
  let columns: TsvColumns | undefined;
  for await (const record of readTsvRecords(lines)) {
    if ('error' in record) {
      report(path, `${path}:${record.line}: ${record.error}`, record.line);
      continue;
    }
    if (record.fields.length === 1 && record.fields[0]?.trim() === '') continue;
    if (columns === undefined) {
      columns = columnsFromHeader(`${path}:${record.line}`, record.fields);
      if (columns !== undefined) continue;
      columns = HEADERLESS;
    }
    accept(claimFromFields(record.fields, columns), path, record.line);
  }
}

type TsvColumns = Parameters<typeof claimFromFields>[1];

const HEADERLESS: TsvColumns = { id: 0, text: 1, title: 2 };

/** Columns named by a header row, or undefined when the first row is already data. */
function columnsFromHeader(where: string, fields: readonly string[]): TsvColumns | undefined {
  const names = fields.map((f) => f.trim().toLowerCase());
  const text = names.findIndex((n) => TEXT_COLUMNS.has(n));
  if (text === -1 && !names.some((n) => HEADER_WORDS.has(n))) return undefined;
  const id = names.findIndex((n) => ID_COLUMNS.has(n));
  if (text === -1 || (id === -1 && text === 0)) {
    throw new ClaimsFileError(
      `${where}: header [${fields.join(', ')}] names no usable columns; expected an id column (vclaim_id, id, ` +
        'claim_id or empty) and a text column (vclaim, text or claim)',
      { details: { where } },
    );
  }
  const title = names.indexOf('title');
  const subtitle = names.indexOf('subtitle');
  return {
    id: id === -1 ? 0 : id,
    text,
    ...(title === -1 ? {} : { title }),
    ...(subtitle === -1 ? {} : { subtitle }),
  };
}

const TEXT_COLUMNS = new Set(['vclaim', 'text', 'claim']);
const ID_COLUMNS = new Set(['vclaim_id', 'id', 'claim_id', '']);
const HEADER_WORDS = new Set(['vclaim_id', 'id', 'claim_id', 'title', 'subtitle']);

async function* prepend<T>(head: T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
