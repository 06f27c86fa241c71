import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildClaimIndex, type Claim, rankClaims } from '../../src/claims/index.js';

const FIXTURE = new URL('../fixtures/claims/claims.jsonl', import.meta.url);
const claims = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Claim);
const index = buildClaimIndex(claims);

describe('rankClaims', () => {
  it.each([
    ['en', 'BREAKING: Sweden’s #SocialServices are kidnapping muslim kids from families!! https://t.co/x', 'en-kidnap'],
    ['en', 'They put a MICROCHIP in the covid vaccine to track you @someone', 'en-vaccine-chip'],
    ['en', 'Wombat heroes herd animals into burrows to escape the Australian fires', 'en-wombats'],
    ['en', '5G towers are spreading corona, wake up', 'en-5g'],
    ['sv', 'Socialen kidnappar barnen från muslimska familjer #slutakidnappavårabarn', 'sv-kidnappning'],
    ['sv', 'I fosterhemmet tvingades barnen äta fläskkött varje dag', 'sv-fläskkött'],
    ['sv', 'Nu har kommunen förbjudit flaggan på skolorna', 'sv-flagga'],
    ['ar', 'أوقفوا خطف أطفالنا! السوسيال يخطف الأطفال المسلمين من عائلاتهم في السويد', 'ar-kidnap'],
    ['ar', 'يُجبِرونَ الأطفالَ على أكلِ لحمِ الخنزيرِ في دور الرعاية', 'ar-pork'],
    ['ar', '#السويد_دولة_فاشية', 'ar-fascist'],
  ])('puts the right claim first for a %s post: %s', (_lang, query, expected) => {
    expect(rankClaims(index, query, 3)[0]?.claim_id).toBe(expected);
  });

  it('returns at most topK claims, best first, each sharing a word with the query', () => {
    const ranked = rankClaims(index, 'children social services Sweden kidnap pork', 2);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]?.score).toBeGreaterThanOrEqual(ranked[1]?.score ?? Infinity);
    expect(rankClaims(index, 'wombats', 10).map((r) => r.claim_id)).toEqual(['en-wombats']);
  });

  it.each([
    ['a query with no known word', 'zzzz qqqq', 5],
    ['an empty query', '', 5],
    ['topK 0', 'kidnap children', 0],
    ['a negative topK', 'kidnap children', -3],
  ])('returns nothing for %s', (_case, query, topK) => {
    expect(rankClaims(index, query, topK)).toEqual([]);
  });

  it('returns nothing from an empty index', () => {
    expect(rankClaims(buildClaimIndex([]), 'kidnap', 5)).toEqual([]);
  });

  it('breaks ties by the order the claims were given', () => {
    const twins = buildClaimIndex([
      { id: 'b', text: 'identical claim text' },
      { id: 'a', text: 'identical claim text' },
      { id: 'c', text: 'identical claim text' },
    ]);
    expect(rankClaims(twins, 'identical claim', 2).map((r) => r.claim_id)).toEqual(['b', 'a']);
  });

  it('gives the same ranking on repeated queries (no state leaks between calls)', () => {
    const first = rankClaims(index, 'children pork Sweden', 5);
    rankClaims(index, 'vaccine microchip', 5);
    expect(rankClaims(index, 'children pork Sweden', 5)).toEqual(first);
  });

  it('weighs title words by titleWeight', () => {
    const titled = [
      { id: 'title', text: 'unrelated words here', title: 'bridge collapse' },
      { id: 'text', text: 'bridge collapse rumour' },
    ];
    const withoutTitles = buildClaimIndex(titled, { titleWeight: 0 });
    expect(rankClaims(withoutTitles, 'bridge collapse', 5).map((r) => r.claim_id)).toEqual(['text']);
    expect(rankClaims(buildClaimIndex(titled, { titleWeight: 3 }), 'bridge collapse', 1)[0]?.claim_id).toBe('title');
  });

  it('matches keywords split by zero-width joiners or spelled with Cyrillic look-alikes', () => {
    expect(rankClaims(index, 'social services kid\u200dnap children', 1)[0]?.claim_id).toBe('en-kidnap');
    expect(rankClaims(index, 'Sоciаltjänsten kidnappar barn', 1)[0]?.claim_id).toBe('sv-kidnappning');
  });

  it('ranks a 1 MB post and a post of 100,000 hashtags', () => {
    const big = `${'lorem ipsum dolor '.repeat(60_000)} wombats burrows`;
    expect(rankClaims(index, big, 1)[0]?.claim_id).toBe('en-wombats');
    const hashtags = '#Vaccine#Microchip '.repeat(50_000);
    expect(rankClaims(index, hashtags, 1)[0]?.claim_id).toBe('en-vaccine-chip');
  });
});
