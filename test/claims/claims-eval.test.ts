import { describe, expect, it } from 'vitest';
import { averagePrecisionAt, scoreRuns } from '../eval/claims-eval.js';

describe('averagePrecisionAt (trec_eval map_cut)', () => {
  it.each([
    ['relevant first', ['a', 'x', 'y'], ['a'], 5, 1],
    ['relevant third', ['x', 'y', 'a'], ['a'], 5, 1 / 3],
    ['relevant below the cut', ['x', 'y', 'a'], ['a'], 2, 0],
    ['two relevant at 1 and 3', ['a', 'x', 'b'], ['a', 'b'], 5, (1 + 2 / 3) / 2],
    ['one of two relevant found', ['x', 'a'], ['a', 'b'], 5, 1 / 2 / 2],
    ['nothing retrieved', [], ['a'], 5, 0],
  ])('%s', (_case, ranked, relevant, k, expected) => {
    expect(averagePrecisionAt(ranked, new Set(relevant), k)).toBeCloseTo(expected, 10);
  });
});

describe('scoreRuns', () => {
  it('averages over every judged query, counting a query without a run as 0', () => {
    const qrels = new Map([
      ['q1', new Set(['a'])],
      ['q2', new Set(['b'])],
    ]);
    const scores = scoreRuns(new Map([['q1', ['x', 'a']]]), qrels);
    expect(scores).toMatchObject({ queries: 2, map_at_1: 0, map_at_5: 0.25, p_at_1: 0, recall_at_5: 0.5 });
  });
});
