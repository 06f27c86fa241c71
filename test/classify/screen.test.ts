import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir, parseNarrativeYaml, type Catalogue } from '../../src/catalogue/index.js';
import { createClassifier, type ClassifyInput } from '../../src/classify/index.js';
import { ordinaryPosts } from '../bench/ordinary-posts.js';

// classify() decides most posts from their words before building the analysis (the screen); classifyAnalyzed()
// always builds it. Both must give the same result for every post, whichever way it goes.

let seed: Catalogue;
beforeAll(async () => {
  seed = await loadCatalogueDir('config/narratives');
});

/** Classifies every input both ways, expects the same results, and returns the slugs found per input. */
function expectSameBothWays(catalogue: Catalogue, inputs: readonly ClassifyInput[]): string[][] {
  const screened = createClassifier(catalogue);
  const full = createClassifier(catalogue);
  return inputs.map((input) => {
    const result = screened.classify(input);
    const meta = { lang: input.lang, source: input.source, author: input.author, url: input.url };
    expect(result, input.text).toEqual(full.classifyAnalyzed(input.id, full.analyzer.analyze(input.text, meta)));
    return result.narratives.map((n) => n.slug).sort();
  });
}

const OWN_LABELLED = readFileSync('test/fixtures/classify/own.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line, i) => ({ id: i, text: (JSON.parse(line) as { text: string }).text }));

const TRICKY = [
  'Soci\u0430l\u200dtjänsten kid\u200dnappar barn #slutakidnappavårabarn https://t.me/s/kanal 😡',
  'vi ska b r ä n n a allt, s.o.c vet',
  '@socialtjänsten @barnrov #LVU #أوقفوا_خطف_أطفالنا',
  'Över 20 000 barn rycks från sina föräldrar varje år av soc, sprid!',
  '\u202eسوسيال\u202c يخطف الأطفال www.example.com/lvu',
  '',
  '😡👨‍👩‍👧',
  `${'#barn '.repeat(3000)}`,
];

describe('the screen in classify()', () => {
  it('gives the result the full analysis gives, for narrative, ordinary and hostile posts', () => {
    const inputs: ClassifyInput[] = [
      ...OWN_LABELLED,
      ...ordinaryPosts(1500, 11).map((text, i) => ({ id: `o${i}`, text })),
      ...TRICKY.map((text, i) => ({ id: `t${i}`, text })),
      ...TRICKY.map((text, i) => ({ id: `s${i}`, text, lang: 'sv', source: 'telegram', author: '@Someone', url: 'https://t.me/x/1' })),
    ];
    // The check only means something if both kinds of post are in it.
    const carrying = expectSameBothWays(seed, inputs).filter((slugs) => slugs.length > 0).length;
    expect(carrying).toBeGreaterThan(OWN_LABELLED.length / 3);
  });

  it('sends a post on when a rule can only match by a URL, an emoji, a field or the absence of a word', () => {
    const narrative = (slug: string, query: string): string => `slug: ${slug}
title: { sv: ${slug}, en: ${slug} }
description: Test narrative.
severity: low
threshold: 0.5
counterFacts: { sv: Fakta., en: Facts., ar: حقائق. }
rules:
  sv:
    positive:
      - id: ${slug}-1
        query: '${query}'
        weight: 0.9
exemplars: {}
`;
    const catalogue: Catalogue = {
      narratives: [
        parseNarrativeYaml(narrative('by-url', 'url:example.com/lvu*'), 'by-url.yaml'),
        parseNarrativeYaml(narrative('by-emoji', '"😡" AND barn'), 'by-emoji.yaml'),
        parseNarrativeYaml(narrative('by-field', 'source:telegram AND lvu'), 'by-field.yaml'),
        parseNarrativeYaml(narrative('by-absence', 'NOT (hej OR tack)'), 'by-absence.yaml'),
      ],
    };
    const inputs: ClassifyInput[] = [
      { id: 1, text: 'läs www.example.com/lvu/1 nu' },
      { id: 2, text: 'barn 😡' },
      { id: 3, text: 'lvu nu', source: 'telegram' },
      { id: 4, text: 'lvu nu', source: 'mastodon' },
      { id: 5, text: 'hej då' },
      { id: 6, text: 'något helt annat' },
    ];
    expect(expectSameBothWays(catalogue, inputs)).toEqual([
      ['by-absence', 'by-url'],
      ['by-absence', 'by-emoji'],
      ['by-absence', 'by-field'],
      ['by-absence'],
      [],
      ['by-absence'],
    ]);
  });

  // Word facts are memoised by word id; ids are reassigned when the analyzer's vocabulary fills up (100,000 words).
  it('gives the same results after the analyzer has started its word memo over', () => {
    const classifier = createClassifier(seed);
    const posts = [...OWN_LABELLED.slice(0, 20), ...TRICKY.map((text, i) => ({ id: `t${i}`, text }))];
    const before = posts.map((post) => classifier.classify(post));
    const epoch = classifier.analyzer.wordEpoch;
    for (let batch = 0; batch < 6; batch++) {
      const text = Array.from({ length: 19_000 }, (_, i) => `ord${batch}x${i}`).join(' ');
      classifier.classify({ id: `flood${batch}`, text });
    }
    // The new epoch starts at the next text, so reclassifying the posts runs with reassigned ids.
    expect(posts.map((post) => classifier.classify(post))).toEqual(before);
    expect(classifier.analyzer.wordEpoch).toBeGreaterThan(epoch);
  });

  it('gives the result the full analysis gives when the token cap cuts a post inside a hashtag', () => {
    const capped = createClassifier(seed, { limits: { maxTokens: 6 } });
    const full = createClassifier(seed, { limits: { maxTokens: 6 } });
    for (const text of ['soc tar barn #slutakidnappavårabarn sprid', 'sprid #slutakidnappavårabarn soc kidnappar barn nu', 'a b c d e f g h soc kidnappar barn']) {
      const result = capped.classify({ id: 1, text });
      expect(result).toEqual(full.classifyAnalyzed(1, full.analyzer.analyze(text)));
      expect(result.truncated).toBe(true);
    }
  });
});
