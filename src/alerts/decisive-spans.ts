import type { StoredThreatSignal } from '../db/schema/index.js';

/** A span of a post shown to a reader: the words, where they are, and what they were taken for. */
export interface DecisiveSpan {
  start: number;
  end: number;
  text: string;
  /** Signal kinds found in it, in the order of {@link KIND_ORDER}. */
  kinds: string[];
}

/**
 * Kinds that carry a decision, per category (src/threats/decide.ts): the harm or menace and what made it critical
 * (weapon or fire, time, place, a watchlisted name); the exposure and the data exposed; the call to gather or flood
 * and where or when; the insult. "Her name is" (personal-ref) only sets the scene.
 */
const DECISIVE: Record<string, readonly string[]> = {
  threat: ['threat', 'menace', 'means', 'time', 'place', 'address', 'watchlist'],
  doxxing: ['exposure', 'photo', 'phone', 'address', 'watchlist'],
  mobilization: ['gathering', 'flood', 'place', 'address', 'time', 'watchlist'],
  hostile: ['hostile', 'dehumanising', 'watchlist'],
};

const KIND_ORDER = ['threat', 'menace', 'exposure', 'watchlist', 'gathering', 'flood', 'means', 'photo', 'phone', 'address', 'place', 'time', 'hostile', 'dehumanising'];

/**
 * The signals a reader should trust: only kinds that carried the case's categories, never scene-setting words
 * (`support`), overlapping spans merged into one, in text order. Offsets that do not fit the text are dropped.
 */
export function decisiveSpans(text: string, signals: readonly StoredThreatSignal[], categories: readonly string[]): DecisiveSpan[] {
  const wanted = new Set(categories.flatMap((c) => DECISIVE[c] ?? []));
  const spans = signals
    .filter((s) => !s.support && wanted.has(s.kind) && s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<{ start: number; end: number; kinds: Set<string> }> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.kinds.add(s.kind);
    } else {
      merged.push({ start: s.start, end: s.end, kinds: new Set([s.kind]) });
    }
  }
  return merged.map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), kinds: KIND_ORDER.filter((k) => m.kinds.has(k)) }));
}

/** Each decisive phrase once (the same words twice in a post are one entry), with every kind it was taken for. */
export function uniqueSpans(spans: readonly DecisiveSpan[]): DecisiveSpan[] {
  const byWords = new Map<string, DecisiveSpan>();
  for (const span of spans) {
    const key = span.text.toLocaleLowerCase('sv').replace(/\s+/gu, ' ').trim();
    const seen = byWords.get(key);
    if (seen) seen.kinds = KIND_ORDER.filter((k) => seen.kinds.includes(k) || span.kinds.includes(k));
    else byWords.set(key, { ...span, kinds: [...span.kinds] });
  }
  return [...byWords.values()];
}
