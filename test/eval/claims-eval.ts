/**
 * CLEF CheckThat! claim-retrieval evaluation (2020 task 2, 2021 task 2A, English): ranks each tweet of the train
 * and dev splits against all verified claims and prints MAP@1/3/5/10 (trec_eval map_cut, the official measure is
 * MAP@5), P@1 and recall@5 per split, one JSON line each.
 *
 *   node dist/test/eval/claims-eval.js [--tune] DATASET_DIR...
 *
 * With --tune the BM25 parameters are chosen by MAP@5 on train and the dev figures are given for that choice.
 * The corpora stay in /work/shared/corpus; nothing is copied.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Bm25Options,
  type Claim,
  type ClaimQuery,
  type ClaimsInputError,
  DEFAULT_BM25,
  type Qrels,
  buildClaimIndex,
  rankClaims,
  readClaimsFile,
  readQrelsFile,
  readQueriesTsv,
} from '../../src/claims/index.js';

interface Split {
  name: string;
  queries: ClaimQuery[];
  qrels: Qrels;
}

interface Dataset {
  name: string;
  claims: Claim[];
  splits: Split[];
}

export interface RetrievalScores {
  queries: number;
  map_at_1: number;
  map_at_3: number;
  map_at_5: number;
  map_at_10: number;
  p_at_1: number;
  recall_at_5: number;
}

/** trec_eval map_cut: precision at each relevant rank ≤ k, summed, over the number of relevant claims. */
export function averagePrecisionAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (!relevant.has(id)) return;
    hits++;
    sum += hits / (i + 1);
  });
  return sum / relevant.size;
}

export function scoreRuns(runs: ReadonlyMap<string, string[]>, qrels: Qrels): RetrievalScores {
  const mean = (f: (ranked: string[], relevant: Set<string>) => number): number => {
    let total = 0;
    for (const [query, relevant] of qrels) total += f(runs.get(query) ?? [], relevant);
    return qrels.size === 0 ? 0 : round(total / qrels.size);
  };
  return {
    queries: qrels.size,
    map_at_1: mean((r, rel) => averagePrecisionAt(r, rel, 1)),
    map_at_3: mean((r, rel) => averagePrecisionAt(r, rel, 3)),
    map_at_5: mean((r, rel) => averagePrecisionAt(r, rel, 5)),
    map_at_10: mean((r, rel) => averagePrecisionAt(r, rel, 10)),
    p_at_1: mean((r, rel) => (r[0] !== undefined && rel.has(r[0]) ? 1 : 0)),
    recall_at_5: mean((r, rel) => r.slice(0, 5).filter((id) => rel.has(id)).length / rel.size),
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function evaluate(dataset: Dataset, split: Split, options: Partial<Bm25Options>): RetrievalScores {
  const index = buildClaimIndex(dataset.claims, options);
  const runs = new Map<string, string[]>();
  for (const query of split.queries) {
    runs.set(query.id, rankClaims(index, query.text, 10).map((r) => r.claim_id));
  }
  return scoreRuns(runs, split.qrels);
}

async function loadDataset(dir: string, onInvalid: (e: ClaimsInputError) => void): Promise<Dataset> {
  const v3 = join(dir, 'v3.0');
  if (existsSync(join(v3, 'verified_claims.docs.tsv'))) {
    const claims = await readClaimsFile(join(v3, 'verified_claims.docs.tsv'), onInvalid);
    const split = async (name: string): Promise<Split> => ({
      name,
      queries: await readQueriesTsv(join(v3, name, 'tweets.queries.tsv'), onInvalid),
      qrels: await readQrelsFile(join(v3, name, 'tweet-vclaim-pairs.qrels'), onInvalid),
    });
    return { name: 'clef2020-task2-en', claims, splits: [await split('train'), await split('dev')] };
  }
  const vclaims = existsSync(join(dir, 'vclaims')) ? join(dir, 'vclaims') : join(dir, 'vclaims.jsonl');
  const claims = await readClaimsFile(vclaims, onInvalid);
  const tweets = await readQueriesTsv(join(dir, 'tweets-train-dev.tsv'), onInvalid);
  const split = async (name: string): Promise<Split> => {
    const qrels = await readQrelsFile(join(dir, `qrels-${name}.tsv`), onInvalid);
    return { name, queries: tweets.filter((t) => qrels.has(t.id)), qrels };
  };
  return { name: 'clef2021-task2a-en', claims, splits: [await split('train'), await split('dev')] };
}

const GRID = {
  k1: [0.6, 0.9, 1.2, 1.5, 2.0],
  b: [0.3, 0.5, 0.75, 0.9],
  titleWeight: [0, 0.25, 0.5, 1],
};

function tuneOnTrain(dataset: Dataset): Partial<Bm25Options> {
  const train = dataset.splits.find((s) => s.name === 'train');
  if (train === undefined) return {};
  let best: { options: Partial<Bm25Options>; map: number } = { options: {}, map: -1 };
  for (const k1 of GRID.k1) {
    for (const b of GRID.b) {
      for (const titleWeight of GRID.titleWeight) {
        const map = evaluate(dataset, train, { k1, b, titleWeight }).map_at_5;
        if (map > best.map) best = { options: { k1, b, titleWeight }, map };
      }
    }
  }
  return best.options;
}

async function main(args: string[]): Promise<void> {
  const tune = args.includes('--tune');
  const dirs = args.filter((a) => a !== '--tune');
  if (dirs.length === 0) {
    process.stderr.write('usage: node dist/test/eval/claims-eval.js [--tune] DATASET_DIR...\n');
    process.exitCode = 2;
    return;
  }
  for (const dir of dirs) {
    let invalid = 0;
    const dataset = await loadDataset(dir, (e) => {
      invalid++;
      process.stderr.write(`${e.message}\n`);
    });
    const options = tune ? tuneOnTrain(dataset) : {};
    for (const split of dataset.splits) {
      const scores = evaluate(dataset, split, options);
      const bm25 = { ...DEFAULT_BM25, ...options };
      const claims = dataset.claims.length;
      const line = { dataset: dataset.name, split: split.name, claims, invalid, bm25, ...scores };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
