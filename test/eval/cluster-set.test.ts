import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterSettings } from '../../src/config/index.js';
import { packageRoot } from '../../src/config/index.js';
import { buildClusterSet } from './build-cluster-set.js';
import { parseClusterSet, scoreClustering } from './cluster-eval.js';

const dir = join(packageRoot(), 'test', 'eval', 'sets');

describe('the clustering set', () => {
  it('is what the builder makes of the hand-written bases', () => {
    const bases = readFileSync(join(dir, 'clusters-bases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(parseClusterSet(readFileSync(join(dir, 'clusters.jsonl'), 'utf8'))).toEqual(buildClusterSet(bases));
  });

  it('is clustered at the configured threshold with pair precision >= 0.95 and edit recall >= 0.85', () => {
    const figures = scoreClustering(parseClusterSet(readFileSync(join(dir, 'clusters.jsonl'), 'utf8')), clusterSettings({}).threshold);
    expect(figures.precision).toBeGreaterThanOrEqual(0.95);
    expect(figures.recallEdits).toBeGreaterThanOrEqual(0.85);
  });
});
