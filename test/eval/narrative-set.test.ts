/**
 * The narrative evaluation set of issue 15 (test/eval/sets/narratives.jsonl) is well formed and as large and varied as
 * the issue asks: an eval on a malformed or lopsided gold file would report figures that mean nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalHalf } from './halves.js';

const SET_FILE = new URL('./sets/narratives.jsonl', import.meta.url);

/** The seed catalogue's slugs (docs: ../shared/DOMAIN.md); written out here so the set is checked independently of config/. */
const SEED_SLUGS = [
  'child-kidnapping',
  'forced-conversion',
  'foster-abuse',
  'profit-motive',
  'no-due-process',
  'targeting-muslims',
  'benefits-migrants',
] as const;
const LANGS = ['sv', 'ar', 'en'] as const;
const STANCES = ['spreading', 'countering', 'reporting'] as const;
const THREAT_LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
/** Kinds of hard negative the issue names; NARRATIVES.md says what each holds. */
const NEGATIVE_FAMILIES = [
  'criticism',
  'complaint',
  'lvu-news',
  'municipal-info',
  'praise',
  'other-sense',
  'foster-advert',
  'pensioners',
  'sports',
  'everyday',
] as const;
const POSITIVE_FAMILIES = ['claim', 'testimony', 'call', 'hashtag', 'factcheck', 'official', 'rebuttal', 'news', 'analysis'] as const;
const FIELDS = ['id', 'lang', 'text', 'narratives', 'stance', 'threat', 'family'];

interface SetPost {
  id: string;
  lang: (typeof LANGS)[number];
  text: string;
  narratives: string[];
  stance: (typeof STANCES)[number] | null;
  threat: (typeof THREAT_LEVELS)[number];
  family: string;
}

const lines = readFileSync(SET_FILE, 'utf8').split('\n').filter((line) => line.length > 0);
const posts = lines.map((line, i): SetPost => {
  try {
    return JSON.parse(line) as SetPost;
  } catch (cause) {
    throw new Error(`narratives.jsonl:${i + 1}: not JSON`, { cause });
  }
});
const positives = posts.filter((p) => p.narratives.length > 0);
const negatives = posts.filter((p) => p.narratives.length === 0);
const share = (part: number, whole: number): number => part / whole;

describe('narrative evaluation set', () => {
  it('has exactly the fields of the dev.jsonl format plus threat and family on every line', () => {
    const wrong = posts.filter((p) => Object.keys(p).sort().join() !== [...FIELDS].sort().join()).map((p) => p.id);
    expect(wrong).toEqual([]);
  });

  it('gives every post a unique id of the form nar-<lang>-NNNN that names its language', () => {
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
    const wrong = posts.filter((p) => !new RegExp(`^nar-${p.lang}-\\d{4}$`).test(p.id)).map((p) => p.id);
    expect(wrong).toEqual([]);
  });

  it('writes each text once, trimmed and non-empty', () => {
    const wrong = posts.filter((p) => typeof p.text !== 'string' || p.text.length === 0 || p.text !== p.text.trim()).map((p) => p.id);
    expect(wrong).toEqual([]);
    expect(new Set(posts.map((p) => p.text.toLowerCase())).size).toBe(posts.length);
  });

  it('labels only seed slugs, each at most once a post', () => {
    const known = new Set<string>(SEED_SLUGS);
    const wrong = posts
      .filter((p) => !Array.isArray(p.narratives) || p.narratives.some((s) => !known.has(s)) || new Set(p.narratives).size !== p.narratives.length)
      .map((p) => p.id);
    expect(wrong).toEqual([]);
  });

  it('sets a stance exactly when a post carries a narrative', () => {
    const stances = new Set<unknown>(STANCES);
    const wrong = posts.filter((p) => (p.narratives.length > 0 ? !stances.has(p.stance) : p.stance !== null)).map((p) => p.id);
    expect(wrong).toEqual([]);
  });

  it('labels a threat level and a known family on every post', () => {
    const levels = new Set<unknown>(THREAT_LEVELS);
    const negativeFamilies = new Set<string>(NEGATIVE_FAMILIES);
    const positiveFamilies = new Set<string>(POSITIVE_FAMILIES);
    const wrong = posts
      .filter((p) => !levels.has(p.threat) || !(p.narratives.length > 0 ? positiveFamilies : negativeFamilies).has(p.family))
      .map((p) => p.id);
    expect(wrong).toEqual([]);
  });

  it('holds at least 300 narrative posts and at least 200 hard negatives', () => {
    expect(positives.length).toBeGreaterThanOrEqual(300);
    expect(negatives.length).toBeGreaterThanOrEqual(200);
  });

  it('is roughly 45 % Swedish, 35 % Arabic and 20 % English', () => {
    const count = (lang: string) => posts.filter((p) => p.lang === lang).length;
    expect(share(count('sv'), posts.length)).toBeGreaterThanOrEqual(0.4);
    expect(share(count('sv'), posts.length)).toBeLessThanOrEqual(0.5);
    expect(share(count('ar'), posts.length)).toBeGreaterThanOrEqual(0.3);
    expect(share(count('ar'), posts.length)).toBeLessThanOrEqual(0.4);
    expect(share(count('en'), posts.length)).toBeGreaterThanOrEqual(0.15);
    expect(share(count('en'), posts.length)).toBeLessThanOrEqual(0.25);
  });

  it.each(SEED_SLUGS)('covers %s in every language and every stance', (slug) => {
    const carrying = positives.filter((p) => p.narratives.includes(slug));
    for (const lang of LANGS) expect(carrying.filter((p) => p.lang === lang).length, `${slug} ${lang}`).toBeGreaterThan(0);
    for (const stance of STANCES) expect(carrying.filter((p) => p.stance === stance).length, `${slug} ${stance}`).toBeGreaterThan(0);
  });

  it('has spreading as the largest stance with plenty of countering and reporting', () => {
    const count = (stance: string) => positives.filter((p) => p.stance === stance).length;
    expect(count('spreading')).toBeGreaterThan(count('countering'));
    expect(count('spreading')).toBeGreaterThan(count('reporting'));
    expect(share(count('countering'), positives.length)).toBeGreaterThanOrEqual(0.2);
    expect(share(count('reporting'), positives.length)).toBeGreaterThanOrEqual(0.1);
  });

  it.each(LANGS)('has narrative posts and hard negatives in %s', (lang) => {
    expect(positives.filter((p) => p.lang === lang).length).toBeGreaterThan(0);
    expect(negatives.filter((p) => p.lang === lang).length).toBeGreaterThan(0);
  });

  it('has every kind of hard negative the issue names', () => {
    const families = new Set(negatives.map((p) => p.family));
    expect([...NEGATIVE_FAMILIES].filter((f) => !families.has(f))).toEqual([]);
  });

  it.each(['tune', 'test'] as const)('leaves the %s half enough of each language to score', (half) => {
    const inHalf = posts.filter((p) => evalHalf(p.id) === half);
    for (const lang of LANGS) {
      expect(inHalf.filter((p) => p.lang === lang && p.narratives.length > 0).length, `${half} ${lang} positives`).toBeGreaterThanOrEqual(25);
      expect(inHalf.filter((p) => p.lang === lang && p.narratives.length === 0).length, `${half} ${lang} negatives`).toBeGreaterThanOrEqual(15);
    }
  });
});
