import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FUZZ_GOLDEN,
  FUZZ_WATCHLIST_GOLDEN,
  fuzzHashes,
  fuzzInputs,
  goldenLine,
  productionRunners,
  readHashes,
  readSetsGolden,
  setInputs,
  type Runners,
} from '../eval/classify-golden.js';
import type { FuzzPost } from '../eval/fuzz-posts.js';

// The classify stage's results are frozen (test/eval/freeze-classify.ts): a refactoring or a speed-up must leave
// every narrative, score, stance, matched term, threat level and signal as it was. Refreeze only for a deliberate
// change of results, and say why in the commit.

let runners: Runners;
let posts: FuzzPost[];
beforeAll(async () => {
  runners = await productionRunners();
  posts = fuzzInputs();
});

/** The first posts whose hash differs, with what they give now, so a failure shows where to look. */
function firstDifferences(expected: readonly string[], actual: readonly string[], run: Runners['plain']): string[] {
  const out: string[] = [];
  for (let i = 0; i < actual.length && out.length < 3; i++) {
    if (actual[i] !== expected[i]) out.push(`${posts[i]!.id} ${JSON.stringify(posts[i]!.text.slice(0, 200))} now: ${goldenLine('fuzz', posts[i]!.id, run(posts[i]!)).slice(0, 600)}`);
  }
  return out;
}

describe('the classify stage against its frozen results', () => {
  it('gives every post of the evaluation sets the narratives and threat it was frozen with', () => {
    const { files, lines } = readSetsGolden();
    expect(files.length).toBeGreaterThanOrEqual(2);
    let compared = 0;
    for (const file of files) {
      for (const input of setInputs(file)) {
        const key = `${basename(file)}|${String(input.id)}`;
        expect(goldenLine(basename(file), String(input.id), runners.plain(input)), key).toBe(lines.get(key));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it.each([
    ['without a watchlist', FUZZ_GOLDEN, 'plain'],
    ['with a staff watchlist', FUZZ_WATCHLIST_GOLDEN, 'withWatchlist'],
  ] as const)('gives 20,000 fuzzed posts the results they were frozen with, %s', (_, file, runner) => {
    const expected = readHashes(file);
    const actual = fuzzHashes(posts, runners[runner]);
    expect(actual.length).toBe(expected.length);
    const differing = actual.filter((hash, i) => hash !== expected[i]).length;
    expect({ differing, first: firstDifferences(expected, actual, runners[runner]) }).toEqual({ differing: 0, first: [] });
  }, 120_000);

  it('is held to results that carry narratives and threats, not only empty ones', () => {
    const lines = readFileSync('test/fixtures/classify-golden/sets.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { narratives: unknown[]; threat: { level: string } });
    expect(lines.filter((l) => l.narratives.length > 0).length).toBeGreaterThan(500);
    expect(lines.filter((l) => l.threat.level !== 'none').length).toBeGreaterThan(250);
  });
});
