import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClaimReviewError, parseClaimReview } from '../../src/claims/index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/claims/claimreview/${name}`, import.meta.url), 'utf8');

describe('parseClaimReview', () => {
  it('reads a single ClaimReview with rating, fact-checker, claimant and http(s) appearances only', () => {
    expect(parseClaimReview(fixture('single.json'))).toEqual([
      {
        id: 'https://factcheck.example.org/2022/lvu-kidnapping',
        text: 'Swedish social services kidnap Muslim children.',
        url: 'https://factcheck.example.org/2022/lvu-kidnapping',
        reviewRating: { ratingValue: '1', bestRating: '5', worstRating: '1', alternateName: 'False' },
        author: { name: 'Example Fact Check', url: 'https://factcheck.example.org/' },
        datePublished: '2022-02-03',
        inLanguage: 'en',
        itemReviewed: {
          author: { name: 'Anonymous channel', url: null },
          datePublished: '2022-01-20',
          appearanceUrls: [
            'https://video.example.com/watch?v=1',
            'https://social.example.com/post/2',
            'https://social.example.com/post/3',
          ],
        },
      },
    ]);
  });

  it('finds reviews in an @graph and nested in other nodes, with array and prefixed @type', () => {
    const reviews = parseClaimReview(fixture('graph.json'));
    expect(reviews.map((r) => [r.id, r.text, r.reviewRating?.alternateName ?? null, r.author?.name ?? null])).toEqual([
      [
        'https://checks.example.net/a#review',
        'Social services sell children to Swedish families.',
        'Fabricated',
        'Checks',
      ],
      ['https://checks.example.net/b', 'Children in care are forced to eat pork.', null, null],
    ]);
  });

  it('drops __proto__ and constructor keys: nothing is polluted or read from them', () => {
    const skipped: ClaimReviewError[] = [];
    const reviews = parseClaimReview(fixture('proto.json'), { onSkip: (e) => skipped.push(e) });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      text: 'A real claim next to a hostile one.',
      author: { name: 'Plain String Author', url: null },
      inLanguage: 'sv',
    });
    expect(reviews[0]?.id).toMatch(/^claimreview:[0-9a-f]{16}$/);
    expect(skipped.map((e) => e.code)).toEqual(['CLAIMREVIEW_INVALID']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(reviews[0])).toBe(Object.prototype);
  });

  it('throws on a review without claim text when no onSkip is given', () => {
    expect(() => parseClaimReview(fixture('proto.json'))).toThrow(/no claimReviewed text/);
  });

  it('reads the JSON-LD blocks of an HTML page, passing a broken block to onSkip', () => {
    const skipped: ClaimReviewError[] = [];
    const reviews = parseClaimReview(fixture('page.html'), { onSkip: (e) => skipped.push(e) });
    expect(reviews.map((r) => [r.id, r.text, r.inLanguage])).toEqual([
      ['https://faktakoll.example.se/lvu', 'Socialtjänsten kidnappar muslimska barn.', 'sv'],
    ]);
    expect(skipped.map((e) => e.details.block)).toEqual([1]);
  });

  it('takes the language from <html lang>, the id and url from the canonical link, and decodes entities (issue 16)', () => {
    expect(parseClaimReview(fixture('factcheck-page.html'))).toEqual([
      expect.objectContaining({
        id: 'https://factcheck.example.org/2023/singh-video-social-services',
        url: 'https://factcheck.example.org/2023/singh-video-social-services',
        text: "Singh's video shows Swedish social services taking children from a mosque",
        inLanguage: 'en-GB',
        author: { name: 'Fact & Check', url: null },
      }),
    ]);
  });

  it('keeps two reviews without url on one page apart, each under the canonical URL', () => {
    const reviews = parseClaimReview(fixture('two-reviews-page.html'));
    expect(reviews.map((r) => [r.url, r.inLanguage])).toEqual([
      ['https://faktakoll.example.se/lvu-pastaenden', 'sv'],
      ['https://faktakoll.example.se/lvu-pastaenden', 'en'],
    ]);
    expect(reviews.map((r) => r.id)).toEqual([
      expect.stringMatching(/^https:\/\/faktakoll\.example\.se\/lvu-pastaenden#claimreview:[0-9a-f]{16}$/),
      expect.stringMatching(/^https:\/\/faktakoll\.example\.se\/lvu-pastaenden#claimreview:[0-9a-f]{16}$/),
    ]);
    expect(new Set(reviews.map((r) => r.id)).size).toBe(2);
  });

  it('reads a Google Fact Check Tools claims:search response, one record per review (issue 16)', () => {
    const skipped: ClaimReviewError[] = [];
    const reviews = parseClaimReview(fixture('fact-check-tools-search.json'), { onSkip: (e) => skipped.push(e) });
    expect(reviews[0]).toEqual({
      id: 'https://factcheck.example.org/2022/lvu-kidnapping',
      text: "Sweden's social services kidnap Muslim children",
      url: 'https://factcheck.example.org/2022/lvu-kidnapping',
      reviewRating: { ratingValue: null, bestRating: null, worstRating: null, alternateName: 'False' },
      author: { name: 'Example Fact Check', url: 'https://factcheck.example.org/' },
      datePublished: '2022-02-03T00:00:00Z',
      inLanguage: 'en',
      itemReviewed: { author: { name: 'Viral video', url: null }, datePublished: '2022-01-20T00:00:00Z', appearanceUrls: [] },
    });
    expect(reviews.map((r) => [r.id, r.reviewRating?.alternateName, r.inLanguage])).toEqual([
      ['https://factcheck.example.org/2022/lvu-kidnapping', 'False', 'en'],
      ['https://faktakoll.example.se/lvu', 'Falskt', 'sv'],
      [expect.stringMatching(/^claimreview:[0-9a-f]{16}$/), 'Misleading', 'en'],
    ]);
    expect(skipped.map((e) => e.message)).toEqual(['Fact Check Tools API: a claim review has no claim text']);
  });

  it('reads a Google Fact Check Tools pages response', () => {
    expect(parseClaimReview(fixture('fact-check-tools-pages.json'))).toEqual([
      {
        id: 'https://factcheck.example.org/2022/benefits',
        text: 'Migrants get more welfare than pensioners',
        url: 'https://factcheck.example.org/2022/benefits',
        reviewRating: { ratingValue: '1', bestRating: '5', worstRating: '1', alternateName: 'False' },
        author: { name: 'Example Fact Check', url: null },
        datePublished: '2022-03-01',
        inLanguage: null,
        itemReviewed: {
          author: { name: 'Anonymous channel', url: null },
          datePublished: '2022-02-20',
          appearanceUrls: ['https://video.example.com/watch?v=9', 'https://social.example.com/post/9'],
        },
      },
    ]);
  });

  it.each([
    ['JSON that does not parse', '{"@type": "ClaimReview",', {}, /JSON-LD is not JSON/],
    ['input over the size limit', `{"x":"${'a'.repeat(200)}"}`, { maxChars: 100 }, /at most 100 allowed/],
  ])('rejects %s with CLAIMREVIEW_INVALID', (_case, input, options, message) => {
    expect(() => parseClaimReview(input, options)).toThrow(message);
    try {
      parseClaimReview(input, options);
    } catch (error) {
      expect((error as ClaimReviewError).code).toBe('CLAIMREVIEW_INVALID');
    }
  });

  it('returns nothing for JSON-LD without ClaimReview', () => {
    expect(parseClaimReview('{"@type":"NewsArticle","headline":"x","note":"[[[{{{\\"]]]"}')).toEqual([]);
  });

  it('rejects nesting deeper than 32 levels before parsing it', () => {
    expect(() => parseClaimReview(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/nested deeper than 32/);
    expect(parseClaimReview(`${'['.repeat(30)}${']'.repeat(30)}`)).toEqual([]);
  });
});
