import { describe, expect, it } from 'vitest';
import { clusterSettings } from '../../src/config/index.js';
import { bandKeys, ClusterIndex, comparableWords, fingerprintText, jaccard, jaccardAtLeast } from '../../src/clusters/index.js';

const options = { shingleWords: 2, maxShingles: 256 };
const THRESHOLD = clusterSettings({}).threshold;
const similarity = (a: string, b: string) => jaccard(fingerprintText(a, options).shingles, fingerprintText(b, options).shingles);

/** Clusters texts in order with a fresh index; returns each text's cluster id. */
function clusterAll(texts: readonly string[]): number[] {
  const index = new ClusterIndex();
  return texts.map((t) => index.assign(fingerprintText(t, options), THRESHOLD).clusterId);
}

const BASE = 'Socialtjänsten i Malmö tar muslimska barn från sina familjer utan någon dom. Sprid detta innan det raderas!';

describe('near-duplicate fingerprints', () => {
  it.each([
    ['case and punctuation', 'SOCIALTJÄNSTEN i malmö tar muslimska barn från sina familjer, utan någon dom!!! Sprid detta innan det raderas'],
    ['emoji and a changed link', '🚨 Socialtjänsten i Malmö tar muslimska barn från sina familjer utan någon dom. Sprid detta innan det raderas! https://t.co/xyz 😡'],
    ['Cyrillic look-alike letters', 'Sосiаltjänstеn i Mаlmö tar muslimska barn från sina familjer utan någon dom. Sprid detta innan det raderas!'],
    ['invisible characters inside words', 'Social\u200btjänsten i Malmö tar musl\u200dimska barn från sina familjer utan någon dom. Sprid detta innan det raderas!'],
    ['a retweet marker and a mention', 'RT @spridare: Socialtjänsten i Malmö tar muslimska barn från sina familjer utan någon dom. Sprid detta innan det raderas! @kompis'],
    ['a hashtag instead of the word', 'Socialtjänsten i Malmö tar muslimska barn från sina familjer utan någon dom. Sprid detta innan det raderas! #LVU'],
  ])('keeps a copy with %s above the threshold', (_name, copy) => {
    expect(similarity(BASE, copy)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('folds Arabic diacritics, tatweel and letter variants', () => {
    const plain = 'السوسيال في السويد يخطف أطفال المسلمين من عائلاتهم بدون محكمة انشروا قبل الحذف';
    const decorated = 'السّوسيـــال في السويد يَخطف اطفال المسلمين من عائلاتهم بدون محكمة انشروا قبل الحذف';
    expect(similarity(plain, decorated)).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps different texts on the same topic apart', () => {
    const other = 'Socialtjänsten i Malmö svarar på frågor om LVU: beslut om vård fattas av förvaltningsrätten, inte av handläggaren.';
    expect(similarity(BASE, other)).toBeLessThan(0.2);
  });

  it('drops URLs, mentions and emoji from the compared words but keeps hashtag bodies', () => {
    expect(comparableWords('RT @a: Stoppa #LVU nu 🚨 https://x.se/a')).toEqual(['stoppa', 'lvu', 'nu']);
  });
});

describe('jaccardAtLeast', () => {
  it('gives the exact similarity for every pair at or above the floor and -1 for every pair below it', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const set = (n: number, range: number) => Int32Array.from(new Set(Array.from({ length: n }, () => Math.floor(random() * range)))).sort();
    for (let k = 0; k < 3000; k++) {
      const range = 5 + Math.floor(random() * 60);
      const a = set(Math.floor(random() * 40), range);
      const b = set(Math.floor(random() * 40), range);
      const floor = [0.4, 0.6, 1, jaccard(a, b), Math.round(random() * 20) / 20][k % 5]!;
      const exact = jaccard(a, b);
      expect(jaccardAtLeast(a, b, floor)).toBe(exact >= floor ? exact : -1);
    }
  });
});

describe('stored band keys', () => {
  it('keep the format threat cases stored them in (band number high, band hash low)', () => {
    // Computed before band hashes moved in memory: a changed key would strand every stored threat case's bands.
    expect(bandKeys(fingerprintText('Vi vet var du bor, socialsekreterare', options).bands).slice(0, 3)).toEqual([3085013595, 7225756145, 10339977984]);
  });
});

describe('ClusterIndex', () => {
  it('puts copies with small edits in the first text\'s cluster and a different text in its own', () => {
    const ids = clusterAll([
      BASE,
      'Socialtjänsten i Malmö tar muslimska barn från deras familjer utan någon dom. Sprid detta innan det raderas!',
      'Kommunen informerar: socialtjänsten i Malmö har öppet hus på lördag för alla familjer som vill veta mer.',
      'Socialtjänsten i Malmö tar muslimska barn från sina familjer utan någon dom. Sprid innan det raderas!!',
    ]);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('compares with the face, so a chain of edits does not drift into another text', () => {
    const steps = [
      'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12',
      'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 x y',
      'w1 w2 w3 w4 q r w7 w8 w9 w10 x y',
    ];
    const ids = clusterAll(steps);
    expect(similarity(steps[2]!, steps[1]!)).toBeGreaterThanOrEqual(THRESHOLD);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('clusters texts with no words together only with each other', () => {
    const ids = clusterAll(['🚨🚨', 'https://a.se/x', 'Sprid detta nu']);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('keeps at most its capacity, dropping the clusters least recently joined', () => {
    const index = new ClusterIndex(10);
    const texts = Array.from({ length: 12 }, (_, i) => `ord${i} alfa${i} beta${i} gamma${i} delta${i} epsilon${i}`);
    const ids = texts.slice(0, 10).map((t) => index.assign(fingerprintText(t, options), THRESHOLD).clusterId);
    // Joining the first makes the second the least recently used: the eleventh text pushes it out, the first stays.
    expect(index.assign(fingerprintText(`${texts[0]} !`, options), THRESHOLD).clusterId).toBe(ids[0]);
    index.assign(fingerprintText(texts[10]!, options), THRESHOLD);
    expect(index.size).toBe(10);
    expect(index.has(ids[0]!)).toBe(true);
    expect(index.has(ids[1]!)).toBe(false);
    expect(index.assign(fingerprintText(texts[1]!, options), THRESHOLD).created).toBe(true);
  });

  it('forgets a removed cluster and finds a renamed one under its stored id', () => {
    const index = new ClusterIndex();
    const text = 'alfa beta gamma delta epsilon zeta eta theta';
    const opened = index.assign(fingerprintText(text, options), THRESHOLD);
    expect(opened.clusterId).toBeLessThan(0);
    index.rename(opened.clusterId, 42);
    expect(index.assign(fingerprintText(`${text}!`, options), THRESHOLD)).toEqual({ clusterId: 42, similarity: 1, created: false });
    index.remove(42);
    expect(index.assign(fingerprintText(text, options), THRESHOLD).created).toBe(true);
  });
});

