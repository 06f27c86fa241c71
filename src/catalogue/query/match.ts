import type { AnalyzedText } from '../../language/index.js';
import type { CompiledQuery } from './compile.js';
import { evaluateNode, testNode, type TermHit } from './evaluate.js';
import { collectOccurrences, type Occurrences } from './occurrences.js';

/** A matched term in the original text: `text` is `analyzed.text.slice(start, end)`, what an editor highlights. */
export interface QueryHit {
  term: string;
  start: number;
  end: number;
  text: string;
}

export interface QueryMatch {
  match: boolean;
  hits: QueryHit[];
}

/** Hits reported per match; a 1 MB post full of the keyword still gives a readable answer. */
export const MAX_HITS = 50;

/** Matches one compiled query against an analysed text (a post, a comment, any text `analyzeText` produced). */
export function matchQuery(compiled: CompiledQuery, analyzed: AnalyzedText): QueryMatch {
  return matchWithOccurrences(compiled, analyzed, collectOccurrences(compiled.table, analyzed));
}

/** Like {@link matchQuery} with occurrences already collected over the query's table (many queries, one pass). */
export function matchWithOccurrences(compiled: CompiledQuery, analyzed: AnalyzedText, occurrences: Occurrences): QueryMatch {
  if (!testNode(compiled.root, analyzed, occurrences)) return { match: false, hits: [] };
  const outcome = evaluateNode(compiled.root, analyzed, occurrences);
  if (!outcome.match) return { match: false, hits: [] };
  const hits: TermHit[] = [];
  for (const span of outcome.spans) for (const hit of span.hits) hits.push(hit);
  return { match: true, hits: toQueryHits(hits, analyzed) };
}

/** Hits in text order, each token/term pair once, at most {@link MAX_HITS}. */
export function toQueryHits(hits: readonly TermHit[], analyzed: AnalyzedText): QueryHit[] {
  const out: QueryHit[] = [];
  const sorted = inTextOrder(hits) ? hits : [...hits].sort(byTokenThenTerm);
  let previous: TermHit | undefined;
  for (const hit of sorted) {
    if (previous !== undefined && previous.token === hit.token && previous.term === hit.term) continue;
    previous = hit;
    const token = analyzed.tokens[hit.token] as AnalyzedText['tokens'][number];
    out.push({ term: hit.term, start: token.start, end: token.end, text: analyzed.text.slice(token.start, token.end) });
    if (out.length >= MAX_HITS) break;
  }
  return out;
}

function byTokenThenTerm(a: TermHit, b: TermHit): number {
  return a.token - b.token || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
}

/** True when the hits are already sorted as {@link toQueryHits} needs (one term's hits come in text order). */
function inTextOrder(hits: readonly TermHit[]): boolean {
  for (let k = 1; k < hits.length; k++) if (byTokenThenTerm(hits[k - 1] as TermHit, hits[k] as TermHit) > 0) return false;
  return true;
}
