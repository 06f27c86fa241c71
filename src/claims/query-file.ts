import { createReadStream } from 'node:fs';
import { ClaimsInputError } from './errors.js';
import { DEFAULT_MAX_LINE_CHARS, readBoundedLines } from './line-reader.js';
import { readTsvRecords } from './tsv-records.js';

/** A post to match against the claims. */
export interface ClaimQuery {
  id: string;
  text: string;
}

/** Relevance judgements: query id → ids of the claims that verify it. */
export type Qrels = Map<string, Set<string>>;

/**
 * Reads queries from a TSV of `id\ttext` rows, with or without a header row (CLEF 2020 `tweets.queries.tsv` has
 * `\ttweet_content`, CLEF 2021 `tweets-train-dev.tsv` none). Bad rows go to onInvalid and are skipped.
 */
export async function readQueriesTsv(
  path: string,
  onInvalid: (error: ClaimsInputError) => void,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
): Promise<ClaimQuery[]> {
  const queries: ClaimQuery[] = [];
  const lines = readBoundedLines(createReadStream(path), maxLineChars);
  for await (const record of readTsvRecords(lines)) {
    if ('error' in record) {
      onInvalid(invalid(path, record.line, record.error));
      continue;
    }
    const [id = '', text = ''] = record.fields.map((f) => f.trim());
    if (record.line === 1 && QUERY_HEADER.has(text.toLowerCase())) continue;
    if (id === '' && text === '') continue;
    if (id === '' || text === '') onInvalid(invalid(path, record.line, 'expected id<TAB>text, both non-empty'));
    else queries.push({ id, text });
  }
  return queries;
}

const QUERY_HEADER = new Set(['tweet_content', 'text', 'tweet']);

/** Reads TREC-style qrels (`query 0 claim relevance`, tab or space separated); relevance > 0 counts. */
export async function readQrelsFile(path: string, onInvalid: (error: ClaimsInputError) => void): Promise<Qrels> {
  const qrels: Qrels = new Map();
  for await (const { line, text } of readBoundedLines(createReadStream(path), DEFAULT_MAX_LINE_CHARS)) {
    const fields = text?.trim().split(/\s+/u) ?? [];
    if (text !== null && text.trim() === '') continue;
    const [query, , claim, relevance] = fields;
    if (fields.length !== 4 || query === undefined || claim === undefined || !/^-?\d+$/u.test(relevance ?? '')) {
      onInvalid(invalid(path, line, 'expected 4 columns: query 0 claim relevance'));
      continue;
    }
    if (Number(relevance) <= 0) continue;
    const relevant = qrels.get(query) ?? new Set<string>();
    relevant.add(claim);
    qrels.set(query, relevant);
  }
  return qrels;
}

function invalid(path: string, line: number, reason: string): ClaimsInputError {
  return new ClaimsInputError(`${path}:${line}: ${reason}`, { details: { path, line } });
}
