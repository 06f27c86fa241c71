import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThreatDetector } from '../../src/threats/index.js';
import { evaluateThreats, parseLabelledThreats, type ThreatEvalReport } from '../eval/threats-eval.js';
import { shippedDetector } from './rules.js';

const FILE = fileURLToPath(new URL('../fixtures/threats/own.jsonl', import.meta.url));

let report: ThreatEvalReport;
let posts: ReturnType<typeof parseLabelledThreats>;
let detector: ThreatDetector;
beforeAll(async () => {
  detector = await shippedDetector();
  posts = parseLabelledThreats(await readFile(FILE, 'utf8'), FILE);
  report = evaluateThreats(detector, posts);
});

describe('our own labelled posts (test/fixtures/threats/own.jsonl)', () => {
  it('are varied: at least 40, in sv, ar and en, every label', () => {
    expect(posts.length).toBeGreaterThanOrEqual(40);
    expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['sv', 'ar', 'en']));
    expect(new Set(posts.map((p) => p.threat))).toEqual(new Set(['none', 'hostile', 'mobilization', 'doxxing', 'threat', 'critical']));
  });

  it('reach the floor: high+ recall ≥ 0.95 with precision ≥ 0.9, mobilization F ≥ 0.85', () => {
    expect(report.highPlus.recall, report.mistakes.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(report.highPlus.precision, report.mistakes.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(report.mobilization.precision, report.mobilization.recall), report.mistakes.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('never raise news about threats or condemnation above low', () => {
    expect(report.noneAboveLow.ids).toEqual([]);
  });

  it('agree on the exact level for at least 90 % of posts', () => {
    expect(report.mistakes.length / report.posts, report.mistakes.join('\n')).toBeLessThanOrEqual(0.1);
  });
});
