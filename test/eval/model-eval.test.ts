import { beforeAll, describe, expect, it } from 'vitest';
import { loadThreatModelFile, type ThreatModel } from '../../src/threat-model/index.js';
import { createThreatDetector, loadThreatRulesDir, type ThreatDetector } from '../../src/threats/index.js';
import { evalHalf } from './halves.js';
import { evaluateModel, offensiveSuggestions, unseenPublicHalf } from './model-eval.js';
import type { LabelledThreatPost } from './threats-eval.js';

const POSTS: LabelledThreatPost[] = [
  { id: 'm1', lang: 'sv', text: 'Vi vet var du bor, socialsekreterare.', threat: 'threat' },
  { id: 'm2', lang: 'sv', text: 'Hon på soc kommer inte leva länge till.', threat: 'threat' },
  { id: 'm3', lang: 'en', text: 'The library opens at nine on Mondays.', threat: 'none' },
  { id: 'm4', lang: 'ar', text: 'سنجتمع أمام مكتب السوسيال يوم الاثنين', threat: 'mobilization' },
];

let detector: ThreatDetector;
let model: ThreatModel;
beforeAll(async () => {
  detector = createThreatDetector(await loadThreatRulesDir('config/threats'));
  model = await loadThreatModelFile('config/threat-model.json');
});

describe('evaluateModel', () => {
  it('puts every high+ post in the combined queue when the model scores everything 1, and counts the suggestions', () => {
    const report = evaluateModel({ ...model, bias: 50 }, detector, POSTS);
    expect(report.model.all).toMatchObject({ tp: 2, fp: 2, fn: 0, recall: 1, precision: 0.5 });
    expect(report.queue.combined).toMatchObject({ highPlusRecall: 1, queued: 4 });
    expect(report.queue.combined.suggested).toBe(4 - report.queue.rules.queued);
    expect(report.queue.combined.precision).toBe(0.75);
  });

  it('leaves the queue to the rules when the model scores everything 0 (it can only add)', () => {
    const report = evaluateModel({ ...model, bias: -50 }, detector, POSTS);
    expect(report.queue.combined).toEqual({ ...report.queue.rules, suggested: 0 });
    expect(report.model.all).toMatchObject({ tp: 0, fp: 0, fn: 2, recall: 0 });
  });

  it('splits the model figures by language', () => {
    const report = evaluateModel(model, detector, POSTS);
    expect(Object.keys(report.model).sort()).toEqual(['all', 'ar', 'en', 'sv']);
  });
});

describe('the unseen halves', () => {
  it('keeps the public posts of the test half only: the model trained on the other', () => {
    const posts = Array.from({ length: 20 }, (_, i) => ({ id: `pub-${i}` }));
    expect(unseenPublicHalf(posts).every((p) => evalHalf(p.id) === 'test')).toBe(true);
  });

  it('counts suggestions on the test half of each offensive corpus', () => {
    const corpora = [{ corpus: 'olid-en', lang: 'en', posts: Array.from({ length: 30 }, () => ({ text: 'whatever' })) }];
    const [always] = offensiveSuggestions({ ...model, bias: 50 }, corpora);
    const unseen = corpora[0]!.posts.filter((_, i) => evalHalf(`olid-en:${i}`) === 'test').length;
    expect(always).toEqual({ corpus: 'olid-en', posts: unseen, suggested: unseen, rate: 1 });
    expect(offensiveSuggestions({ ...model, bias: -50 }, corpora)[0]!.suggested).toBe(0);
  });
});
