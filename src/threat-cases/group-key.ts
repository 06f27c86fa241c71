import { createHash } from 'node:crypto';
import { analyzeText } from '../language/index.js';
import type { ThreatSignal } from '../threats/index.js';

/** Evidence sentences shorter than this (in words) are too generic to group on; the whole text is used instead. */
const MIN_KEY_WORDS = 4;
const SENTENCE_END = /[.!?؟\n…]+/gu;

/**
 * The key that groups reposts and quotes of one threatening text into one case: SHA-256 of the normalised words of
 * the sentences holding the evidence ("RT @x:", URLs, mentions, case, diacritics and spacing do not matter), so
 * "Look at this: <the threat>" and the threat itself share a case, while two posts that merely share a place do not.
 */
export function threatGroupKey(text: string, signals: readonly ThreatSignal[]): string {
  return createHash('sha256').update(threatKeyText(text, signals)).digest('hex');
}

/** The normalised words the group key is made of; near-copies are found by comparing these (issue 18). */
export function threatKeyText(text: string, signals: readonly ThreatSignal[]): string {
  const evidence = signals.filter((s) => !MODIFIERS.has(s.kind));
  const sentences = evidence.length === 0 ? [] : sentencesAround(text, evidence);
  let words = normalizedWords(sentences.join(' '));
  if (words.length < MIN_KEY_WORDS) words = normalizedWords(text);
  return words.join(' ');
}

/** Kinds that describe rather than carry a threat: a time or a place alone should not define the text. */
const MODIFIERS = new Set(['time', 'place', 'means', 'personal-ref']);

function sentencesAround(text: string, signals: readonly ThreatSignal[]): string[] {
  const bounds: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    bounds.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  bounds.push({ start, end: text.length });
  return bounds.filter((b) => signals.some((s) => s.start < b.end && b.start < s.end)).map((b) => text.slice(b.start, b.end));
}

function normalizedWords(text: string): string[] {
  const words = analyzeText(text, { lang: 'und' })
    .tokens.filter((t) => (t.kind === 'word' || t.kind === 'number') && !t.inHashtag)
    .map((t) => t.norm);
  return words[0] === 'rt' ? words.slice(1) : words;
}
