/**
 * The classify stage's golden results: what the production path (narratives and threats of each post, as the
 * classify worker computes them) gives on every evaluation set and on a large fuzzed set. `freeze-classify.ts` writes
 * them; `test/classify/stage-differential.test.ts` recomputes them with the code of the day and expects no change.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { createClassifyStage, type StageInput, type StageResult } from '../../src/classify/index.js';
import { createWatchlistMatcher, loadThreatRulesDir, watchlistMatchKeys, type WatchlistMatcher } from '../../src/threats/index.js';
import { FUZZ_STAFF_NAMES, fuzzedPosts, type FuzzPost } from './fuzz-posts.js';

export const GOLDEN_DIR = 'test/fixtures/classify-golden';
export const SETS_GOLDEN = join(GOLDEN_DIR, 'sets.jsonl');
export const FUZZ_GOLDEN = join(GOLDEN_DIR, 'fuzz.txt');
export const FUZZ_WATCHLIST_GOLDEN = join(GOLDEN_DIR, 'fuzz-watchlist.txt');
/** The evaluation sets always frozen; more (`/work/shared/eval/dev.jsonl`) can be given to the freeze script. */
export const DEFAULT_SETS = ['test/eval/sets/narratives.jsonl', 'test/eval/sets/threats.jsonl'];
export const FUZZ_COUNT = 20_000;
export const FUZZ_SEED = 17;
/** A fixed key, so the fuzzed posts' staff names hash the same on every run. */
const WATCHLIST_KEY = Buffer.from('vaksam-differential-test-key-0001');

/** Classifies one post the way the classify worker does. */
export type StageRun = (input: StageInput) => StageResult;

export interface Runners {
  plain: StageRun;
  withWatchlist: StageRun;
}

/** The production stage over the shipped catalogue and threat rules, without and with a staff watchlist. */
export async function productionRunners(options: { screen?: boolean } = {}): Promise<Runners> {
  const catalogue = await loadCatalogueDir('config/narratives');
  const rules = await loadThreatRulesDir('config/threats');
  const plain = createClassifyStage(catalogue, rules, { screen: options.screen });
  const listed = createClassifyStage(catalogue, rules, { watchlist: fuzzWatchlist(), screen: options.screen });
  return { plain: (input) => plain.classify(input), withWatchlist: (input) => listed.classify(input) };
}

export function fuzzWatchlist(): WatchlistMatcher {
  const entries = FUZZ_STAFF_NAMES.slice(0, 3).map((name, i) => ({ id: i + 1, kind: 'name' as const, keys: watchlistMatchKeys(name, WATCHLIST_KEY) }));
  return createWatchlistMatcher(entries, WATCHLIST_KEY);
}

/** A post's results as one line: everything a worker stores, without the rules' version. */
export function goldenLine(set: string, id: string, result: StageResult): string {
  const { narratives, threat } = result;
  return JSON.stringify({ set, id, lang: narratives.lang, truncated: narratives.truncated, narratives: narratives.narratives, threat });
}

/** Each post of a set twice: as a feed gives it (language detected) and with the language the set states. */
export function setInputs(file: string): StageInput[] {
  const inputs: StageInput[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    const post = JSON.parse(line) as { id: string; text: string; lang?: string };
    inputs.push({ id: post.id, text: post.text });
    if (post.lang !== undefined) inputs.push({ id: `${post.id}@${post.lang}`, text: post.text, lang: post.lang });
  }
  return inputs;
}

/** Golden lines of the sets, in set order. */
export function setLines(files: readonly string[], run: StageRun): string[] {
  return files.flatMap((file) => setInputs(file).map((input) => goldenLine(basename(file), String(input.id), run(input))));
}

export function fuzzInputs(): FuzzPost[] {
  return fuzzedPosts(FUZZ_COUNT, FUZZ_SEED);
}

/** One short SHA-256 per fuzzed post, in order. */
export function fuzzHashes(posts: readonly FuzzPost[], run: StageRun): string[] {
  return posts.map((post) => createHash('sha256').update(goldenLine('fuzz', post.id, run(post))).digest('hex').slice(0, 16));
}

/** The set files a golden file was frozen from (those that still exist), and its lines. */
export function readSetsGolden(): { files: string[]; lines: Map<string, string> } {
  const lines = new Map<string, string>();
  const names = new Set<string>();
  for (const line of readFileSync(SETS_GOLDEN, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const { set, id } = JSON.parse(line) as { set: string; id: string };
    names.add(set);
    lines.set(`${set}|${id}`, line);
  }
  const files = [...DEFAULT_SETS, '/work/shared/eval/dev.jsonl'].filter((file) => names.has(basename(file)) && existsSync(file));
  return { files, lines };
}

export function readHashes(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
}
