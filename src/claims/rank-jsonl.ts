import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { ClaimIndex } from './bm25-index.js';
import { ClaimsInputError } from './errors.js';
import { DEFAULT_MAX_LINE_CHARS, readBoundedLines } from './line-reader.js';
import { rankClaims } from './rank.js';

export interface RankJsonlSummary {
  /** Query lines answered. */
  ranked: number;
  /** Lines skipped and passed to onError. */
  invalid: number;
}

/**
 * `vaksam claims rank`: reads queries `{"id","text"}` as JSON lines and writes, per query and in input order,
 * exactly `{"id","ranked":[{"claim_id","score"}, ...]}` with at most topK claims, best first (score rounded to 4
 * decimals). A bad line goes to onError with its line number and the rest are processed; blank lines are skipped.
 * Respects backpressure on output.
 */
export async function rankQueriesJsonl(
  input: Readable,
  output: Writable,
  index: ClaimIndex,
  topK: number,
  onError: (error: ClaimsInputError) => void,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
): Promise<RankJsonlSummary> {
  const summary: RankJsonlSummary = { ranked: 0, invalid: 0 };
  for await (const { line, text } of readBoundedLines(input, maxLineChars)) {
    if (text !== null && text.trim() === '') continue;
    const query = text === null ? `line longer than ${maxLineChars} characters` : parseQuery(text);
    if (typeof query === 'string') {
      summary.invalid++;
      onError(new ClaimsInputError(`line ${line}: ${query}`, { details: { line } }));
      continue;
    }
    const ranked = rankClaims(index, query.text, topK).map((r) => ({ claim_id: r.claim_id, score: round4(r.score) }));
    summary.ranked++;
    if (!output.write(`${JSON.stringify({ id: query.id, ranked })}\n`)) await once(output, 'drain');
  }
  return summary;
}

function parseQuery(line: string): { id: string | number; text: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected a JSON object {"id","text"}';
  }
  const { id, text } = value as Record<string, unknown>;
  const validId = (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id));
  if (!validId) return "'id' must be a non-empty string or a number";
  if (typeof text !== 'string') return "'text' must be a string";
  return { id: id as string | number, text };
}

function round4(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}
