import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evalHalf } from './halves.js';
import { isThreatRelevant, parseLabelledThreats, type LabelledThreatPost } from './threats-eval.js';

const FILE = fileURLToPath(new URL('./sets/threats.jsonl', import.meta.url));
const LANGS = ['sv', 'ar', 'en'] as const;
const STYLES = new Set([
  'slang', 'misspelling', 'emoji', 'spaced', 'mixed', 'hashtag', 'long', 'arabizi',
  'msa', 'dialect-gulf', 'dialect-levantine', 'dialect-egyptian', 'dialect-maghrebi', 'dialect-iraqi',
]);
/** Families issue 15 names, which the set must cover. */
const REQUIRED_FAMILIES = [
  'conditional', 'implied-death', 'implied-injury', 'call-to-hunt', 'doxxing-address', 'doxxing-photo', 'doxxing-name',
  'doxxing-workplace', 'doxxing-plate', 'doxxing-school', 'doxxing-collect', 'office', 'family-of-staff', 'veiled', 'critical',
  'news-report', 'quote-condemn', 'legal-complaint', 'hyperbole', 'other-sense', 'gaming', 'sports', 'insult',
];

let posts: LabelledThreatPost[];
beforeAll(() => {
  posts = parseLabelledThreats(readFileSync(FILE, 'utf8'), FILE);
});

describe('the threat evaluation set', () => {
  it('has unique ids of the form thr-<lang>-NNNN that agree with the lang field', () => {
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
    for (const p of posts) expect(p.id).toBe(`thr-${p.lang}-${p.id.slice(-4)}`);
    for (const p of posts) expect(p.id).toMatch(/^thr-(sv|ar|en)-\d{4}$/u);
  });

  it('has no post twice', () => {
    expect(new Set(posts.map((p) => p.text)).size).toBe(posts.length);
  });

  it('gives every post a family and only known styles, and keeps texts between 5 and 400 characters', () => {
    for (const p of posts) {
      expect(p.family, p.id).toMatch(/^[a-z]+(-[a-z]+)*$/u);
      for (const s of p.style ?? []) expect(STYLES.has(s), `${p.id} style ${s}`).toBe(true);
      expect([...p.text].length, p.id).toBeGreaterThanOrEqual(5);
      expect([...p.text].length, p.id).toBeLessThanOrEqual(400);
    }
  });

  it('has at least 400 threat-relevant posts: sv >= 200, ar >= 100, en >= 100', () => {
    const relevant = posts.filter(isThreatRelevant);
    expect(relevant.length).toBeGreaterThanOrEqual(400);
    const minimum = { sv: 200, ar: 100, en: 100 };
    for (const lang of LANGS) expect(relevant.filter((p) => p.lang === lang).length, lang).toBeGreaterThanOrEqual(minimum[lang]);
  });

  it('has at least as many hard negatives as threat-relevant posts, in each language', () => {
    for (const lang of LANGS) {
      const inLang = posts.filter((p) => p.lang === lang);
      const relevant = inLang.filter(isThreatRelevant).length;
      expect(inLang.length - relevant, lang).toBeGreaterThanOrEqual(relevant);
    }
  });

  it.each(REQUIRED_FAMILIES)('covers the family %s', (family) => {
    expect(posts.some((p) => p.family === family)).toBe(true);
  });

  it('leaves threat-relevant posts of every language in both halves', () => {
    for (const lang of LANGS) {
      for (const half of ['tune', 'test'] as const) {
        const n = posts.filter((p) => p.lang === lang && isThreatRelevant(p) && evalHalf(p.id) === half).length;
        expect(n, `${lang} ${half}`).toBeGreaterThanOrEqual(40);
      }
    }
  });
});
