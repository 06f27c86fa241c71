import type { TermHit } from '../catalogue/index.js';
import type { AnalyzedText, Token } from '../language/index.js';
import { MAX_SIGNALS, type SignalKind, type ThreatSignal } from './types.js';

/** A signal before output, with the word positions it covers (for negatives that reach a few words). */
export interface RawSignal {
  kind: SignalKind;
  start: number;
  end: number;
  rule: string;
  fromPosition: number;
  toPosition: number;
  /** Signals of one rule match share a group: a negation cancels the match, not one of its words. */
  group: number;
  /** Every word of it came from a scene-setting lexicon (who speaks, who is spoken of), none from the threat itself. */
  support: boolean;
}

/**
 * One span per run of adjacent words a rule matched ("vi vet var ni bor" is one signal, not five). A run made only of
 * `supportTerms` (staff words, "vi", "tar … barn" in `{harm} AND {context}`) while other words of the match are not is
 * marked `support`: it is why the harm word counts as a threat against staff, not the threat itself, and readers are
 * shown the harm word alone.
 */
export function signalsFromHits(kind: SignalKind, rule: string, hits: readonly TermHit[], analyzed: AnalyzedText, group: number, supportTerms: ReadonlySet<string> = NO_TERMS): RawSignal[] {
  const decisive = new Set(hits.filter((h) => !supportTerms.has(h.term)).map((h) => h.token));
  // A rule made only of such words (`{place}` holds "socialkontoret") is the signal itself.
  if (decisive.size === 0) for (const h of hits) decisive.add(h.token);
  const tokens = [...new Set(hits.map((h) => h.token))].sort((a, b) => a - b);
  const out: RawSignal[] = [];
  let current: RawSignal | undefined;
  for (const index of tokens) {
    const token = analyzed.tokens[index] as Token;
    if (current !== undefined && token.position <= current.toPosition + 1) {
      current.end = Math.max(current.end, token.end);
      current.toPosition = Math.max(current.toPosition, token.position);
      current.support &&= !decisive.has(index);
      continue;
    }
    current = { kind, start: token.start, end: token.end, rule, fromPosition: token.position, toPosition: token.position, group, support: !decisive.has(index) };
    out.push(current);
  }
  return out;
}

const NO_TERMS: ReadonlySet<string> = new Set();

/** A signal found by offset (pattern, watchlist), placed at the word positions of the tokens it overlaps. */
export function signalAt(kind: SignalKind, rule: string, start: number, end: number, analyzed: AnalyzedText, group: number): RawSignal {
  const fromPosition = positionAt(analyzed.tokens, start);
  return { kind, start, end, rule, fromPosition, toPosition: Math.max(fromPosition, positionAt(analyzed.tokens, Math.max(start, end - 1))), group, support: false };
}

/** Word position of the token at or before `offset` (binary search: tokens are in text order). */
function positionAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const token = tokens[mid] as Token;
    if (token.start <= offset) {
      found = token.position;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Kinds listed first survive the cap first: the threat itself matters more than the tenth time expression. */
const PRIORITY: readonly SignalKind[] = ['threat', 'menace', 'exposure', 'watchlist', 'photo', 'phone', 'address', 'means', 'gathering', 'flood', 'place', 'time', 'personal-ref', 'hostile', 'dehumanising'];

/**
 * The signals a reader is shown, in text order, at most {@link MAX_SIGNALS}: only spans that carry the evidence (a run
 * of scene words alone, "Vi", "Soc tar", "barn", is left out: issue 15), each span once per kind (a span inside a
 * longer one of the same kind adds nothing), the most telling kinds kept when there are more.
 */
export function finishSignals(signals: readonly RawSignal[], text: string): ThreatSignal[] {
  let list = outermost(signals.filter((s) => !s.support));
  if (list.length > MAX_SIGNALS) {
    list.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || a.start - b.start);
    list = list.slice(0, MAX_SIGNALS);
  }
  list.sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : 1));
  return list.map((s) => ({ kind: s.kind, text: text.slice(s.start, s.end), start: s.start, end: s.end, rule: s.rule }));
}

/** Per kind, the spans not inside another span of that kind (one sort and one sweep: posts may hold thousands). */
function outermost(signals: readonly RawSignal[]): RawSignal[] {
  const sorted = [...signals].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.start - b.start || b.end - a.end));
  const out: RawSignal[] = [];
  let kind: string | undefined;
  let reach = -1;
  for (const s of sorted) {
    if (s.kind !== kind) {
      kind = s.kind;
      reach = -1;
    }
    if (s.end <= reach) continue;
    out.push(s);
    reach = s.end;
  }
  return out;
}
