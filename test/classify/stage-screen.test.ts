import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir, type Catalogue } from '../../src/catalogue/index.js';
import { catalogueWords } from '../../src/classify/classifier.js';
import { createClassifier, createClassifyStage, type StageResult } from '../../src/classify/index.js';
import { createAnalyzer } from '../../src/language/index.js';
import { createThreatDetector, lexiconWords, loadThreatRulesDir, type ThreatRules } from '../../src/threats/index.js';
import { fuzzInputs, fuzzWatchlist, goldenLine } from '../eval/classify-golden.js';
import type { FuzzPost } from '../eval/fuzz-posts.js';

// The stage decides most posts from their words (two screens on one prepared text); the full analysis must never
// have said otherwise. And the shared analysis must change nothing either detector does with the same lexicon.

let catalogue: Catalogue;
let rules: ThreatRules;
let posts: FuzzPost[];
beforeAll(async () => {
  catalogue = await loadCatalogueDir('config/narratives');
  rules = await loadThreatRulesDir('config/threats');
  posts = fuzzInputs();
});

function differing(run: (post: FuzzPost) => StageResult, reference: (post: FuzzPost) => StageResult): string[] {
  const out: string[] = [];
  for (const post of posts) {
    const got = goldenLine('fuzz', post.id, run(post));
    if (got !== goldenLine('fuzz', post.id, reference(post))) out.push(`${post.id}: ${got.slice(0, 300)}`);
  }
  return out;
}

describe('the classify stage screens', () => {
  it.each([
    ['without a watchlist', false],
    ['with a staff watchlist', true],
  ])('give 20,000 fuzzed posts what the full analysis of every post gives, %s', (_, listed) => {
    const watchlist = listed ? fuzzWatchlist() : undefined;
    const screened = createClassifyStage(catalogue, rules, { watchlist });
    const full = createClassifyStage(catalogue, rules, { watchlist, screen: false });
    expect(differing(screened.classify, full.classify)).toEqual([]);
  }, 180_000);

  it('give what the classifier and the detector give each on its own analysis of the same lexicon', () => {
    const words = [...catalogueWords(catalogue), ...lexiconWords(rules)];
    const stage = createClassifyStage(catalogue, rules);
    const classifier = createClassifier(catalogue, { analyzer: createAnalyzer({ extraWords: words }) });
    const detector = createThreatDetector(rules, undefined, { analyzer: createAnalyzer({ extraWords: words }) });
    expect(differing(stage.classify, (post) => ({ narratives: classifier.classify(post), threat: detector.assess(post) }))).toEqual([]);
  }, 180_000);
});
