/**
 * Classify throughput on one core with the full seed catalogue, against a baseline measured in the same run:
 * natural's TfIdf scoring each post against one document per narrative (title, description, exemplars). Posts are
 * classified WITHOUT their language, so detection is included. Two streams are measured:
 * - the headline `classify_posts_per_s` is a realistic stream: 90 % ordinary posts (news, municipal information,
 *   chatter in sv/en/ar from ./ordinary-posts.ts, seeded so every run sees the same posts) and 10 % the texts of
 *   ../shared/eval/dev.jsonl, which carry narratives. Most posts a monitor sees carry none, so this is the rate that
 *   decides whether the classifier keeps up;
 * - `classify_dev_posts_per_s` is the dev texts alone (mostly narrative posts, so explanations are built for most);
 * - `classify_stage_posts_per_s` is what the classify worker does per post on the realistic stream, narratives and
 *   threats together (createClassifyStage, no database), and `classify_stage_baseline_ratio` its rate over the TfIdf
 *   baseline's on the same stream in the same rounds.
 * Each side runs several rounds and reports its best, so a busy shared machine penalises both alike.
 * Run alone with `node dist/test/bench/classify-bench.js [--dev FILE]`; `npm run bench` imports benchClassify.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCatalogueDir, type Catalogue } from '../../src/catalogue/index.js';
import { createClassifier, createClassifyStage } from '../../src/classify/index.js';
import { loadThreatRulesDir } from '../../src/threats/index.js';
import { ordinaryPosts } from './ordinary-posts.js';

interface TfIdfLike {
  addDocument(text: string): void;
  tfidfs(text: string): number[];
}

// natural ships no types for its deep modules: createRequire keeps the deep import without ambient declarations.
const require = createRequire(import.meta.url);
const TfIdf = require('natural/lib/natural/tfidf/tfidf.js') as new () => TfIdfLike;

const ROUNDS = 5;
const ROUND_MS = 600;
/** Posts in the realistic stream; one in {@link NARRATIVE_EVERY} is a dev text, the rest ordinary posts. */
const STREAM_POSTS = 5000;
const NARRATIVE_EVERY = 10;
const STREAM_SEED = 20240601;

export interface ClassifyBenchOptions {
  devFile?: string;
  catalogueDir?: string;
  threatRulesDir?: string;
}

export async function benchClassify(options: ClassifyBenchOptions = {}): Promise<{
  classify_posts_per_s: number;
  classify_baseline_posts_per_s: number;
  classify_baseline_ratio: number;
  classify_dev_posts_per_s: number;
  classify_dev_baseline_posts_per_s: number;
  classify_dev_baseline_ratio: number;
  classify_stage_posts_per_s: number;
  classify_stage_baseline_ratio: number;
}> {
  const devTexts = await readTexts(options.devFile ?? resolve('../shared/eval/dev.jsonl'));
  const catalogue = await loadCatalogueDir(options.catalogueDir ?? resolve('config/narratives'));
  const classifier = createClassifier(catalogue);
  const stage = createClassifyStage(catalogue, await loadThreatRulesDir(options.threatRulesDir ?? resolve('config/threats')));
  const baseline = baselineIndex(catalogue);
  let id = 0;
  const contenders = [
    (text: string) => classifier.classify({ id: id++, text }).narratives.length,
    (text: string) => baseline.tfidfs(text).filter((score) => score > 1).length,
  ];
  const stageWork = (text: string) => {
    const result = stage.classify({ id: id++, text });
    return result.narratives.narratives.length + result.threat.signals.length;
  };
  const [stream = 0, streamBaseline = 1, stageRate = 0] = bestRates(realisticStream(devTexts), [...contenders, stageWork]);
  const [dev = 0, devBaseline = 1] = bestRates(devTexts, contenders);
  return {
    classify_posts_per_s: Math.round(stream),
    classify_baseline_posts_per_s: Math.round(streamBaseline),
    classify_baseline_ratio: Math.round((stream / streamBaseline) * 10) / 10,
    classify_dev_posts_per_s: Math.round(dev),
    classify_dev_baseline_posts_per_s: Math.round(devBaseline),
    classify_dev_baseline_ratio: Math.round((dev / devBaseline) * 10) / 10,
    classify_stage_posts_per_s: Math.round(stageRate),
    classify_stage_baseline_ratio: Math.round((stageRate / streamBaseline) * 10) / 10,
  };
}

/** Ordinary posts with a dev text (a narrative post, mostly) every {@link NARRATIVE_EVERY}th place. */
function realisticStream(devTexts: readonly string[]): string[] {
  const ordinary = ordinaryPosts(STREAM_POSTS, STREAM_SEED);
  return ordinary.map((text, i) => (i % NARRATIVE_EVERY === 0 ? (devTexts[(i / NARRATIVE_EVERY) % devTexts.length] as string) : text));
}

async function readTexts(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line) => (JSON.parse(line) as { text: string }).text);
}

function baselineIndex(catalogue: Catalogue): TfIdfLike {
  const tfidf = new TfIdf();
  for (const n of catalogue.narratives) {
    tfidf.addDocument([n.title.sv, n.title.en, n.description, ...n.exemplars.sv, ...n.exemplars.en, ...n.exemplars.ar].join('\n'));
  }
  return tfidf;
}

/**
 * Posts per second of each contender: the best of several timed rounds, after a warm-up pass, with the contenders'
 * rounds interleaved so that load from other processes falls on both alike.
 */
function bestRates(texts: readonly string[], contenders: ReadonlyArray<(text: string) => number>): number[] {
  let sink = 0;
  for (const work of contenders) for (const text of texts) sink += work(text);
  const best = contenders.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    contenders.forEach((work, k) => {
      let posts = 0;
      const start = performance.now();
      while (performance.now() - start < ROUND_MS) {
        for (const text of texts) sink += work(text);
        posts += texts.length;
      }
      best[k] = Math.max(best[k] as number, posts / ((performance.now() - start) / 1000));
    });
  }
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  return best;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { dev: { type: 'string' } } });
  process.stdout.write(`${JSON.stringify(await benchClassify({ devFile: values.dev }))}\n`);
}
