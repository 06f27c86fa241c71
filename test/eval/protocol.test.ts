import { beforeAll, describe, expect, it } from 'vitest';
import { createThreatDetector, loadThreatRulesDir, type ThreatDetector } from '../../src/threats/index.js';
import { evaluateThreats, isThreatRelevant, threatFigures, withServicesContext, type LabelledThreatPost } from './threats-eval.js';

const POSTS: LabelledThreatPost[] = [
  { id: 'p1', lang: 'sv', text: 'Vi vet var du bor, socialsekreterare.', threat: 'threat', family: 'veiled', style: ['slang'] },
  { id: 'p2', lang: 'sv', text: 'Alla till socialkontoret i Rinkeby måndag kl 9!', threat: 'mobilization', family: 'mobilization-office' },
  { id: 'p3', lang: 'en', text: 'Can someone kill the lights before the meeting?', threat: 'none', family: 'other-sense' },
  { id: 'p4', lang: 'en', text: 'Social workers are rats.', threat: 'hostile', family: 'insult' },
  { id: 'p5', lang: 'ar', text: 'سيدفعون الثمن بالدم', threat: 'critical', family: 'implied-death', style: ['msa', 'slang'] },
];

let detector: ThreatDetector;
beforeAll(async () => {
  detector = createThreatDetector(await loadThreatRulesDir('config/threats'));
});

describe('evaluateThreats per family, style and language', () => {
  it('counts every post once in its family, marking threat-relevant families apart from negatives', () => {
    const report = evaluateThreats(detector, POSTS);
    expect(Object.keys(report.perFamily).sort()).toEqual(['implied-death', 'insult', 'mobilization-office', 'other-sense', 'veiled']);
    for (const post of POSTS) {
      const rate = report.perFamily[post.family!]!;
      expect(rate.posts).toBe(1);
      expect(rate.relevant).toBe(isThreatRelevant(post));
      expect(rate.hits).toBeLessThanOrEqual(rate.posts);
      expect(rate.rate).toBe(rate.hits / rate.posts);
    }
  });

  it('tallies styles over threat-relevant posts only', () => {
    const report = evaluateThreats(detector, POSTS);
    expect(report.perStyle.slang?.posts).toBe(2);
    expect(report.perStyle.msa?.posts).toBe(1);
  });

  it('splits high+ counts by language, every gold high+ post a hit or a miss of its language', () => {
    const report = evaluateThreats(detector, POSTS);
    expect(report.perLanguage.sv!.tp + report.perLanguage.sv!.fn).toBe(1);
    expect(report.perLanguage.ar!.tp + report.perLanguage.ar!.fn).toBe(1);
    expect(report.perLanguage.en!.tp + report.perLanguage.en!.fn).toBe(0);
  });
});

describe('threatFigures', () => {
  it('keeps the figures and drops mistakes and post ids, so the test half never shows', () => {
    const figures = threatFigures(evaluateThreats(detector, POSTS));
    expect(figures).not.toHaveProperty('mistakes');
    expect(figures.noneAboveLow).not.toHaveProperty('ids');
    expect(figures.posts).toBe(POSTS.length);
  });
});

describe('withServicesContext', () => {
  it.each([
    ['sv', 'Om socialtjänsten: hej'],
    ['en', 'About social services: hej'],
    ['ar', 'بخصوص السوسيال: hej'],
    ['de', 'hej'],
  ])('opens a %s text with a neutral sentence about social services', (lang, expected) => {
    expect(withServicesContext('hej', lang)).toBe(expected);
  });
});
