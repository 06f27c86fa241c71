/**
 * Pair precision and recall of near-duplicate clustering on test/eval/sets/clusters.jsonl (README: CLUSTERS.md), at
 * the configured threshold and over a sweep. Items arrive in file order (the original before its copies), as posts do.
 *
 *   node dist/test/eval/cluster-eval.js [test/eval/sets/clusters.jsonl] [--threshold 0.5]
 *
 * Tables go to stderr, one JSON line to stdout.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { clusterSettings } from '../../src/config/index.js';
import { ClusterIndex, fingerprintText } from '../../src/clusters/index.js';
import type { ClusterItem } from './build-cluster-set.js';

export interface PairFigures {
  threshold: number;
  precision: number;
  /** Recall over pairs of the original and its edits (and edits among themselves). */
  recallEdits: number;
  /** Recall over pairs with the paraphrase. */
  recallParaphrases: number;
  falsePairs: number;
  clusters: number;
}

export function scoreClustering(items: readonly ClusterItem[], threshold: number): PairFigures {
  const settings = clusterSettings({});
  const index = new ClusterIndex();
  const cluster = items.map((item) => index.assign(fingerprintText(item.text, settings), threshold).clusterId);
  let tp = 0;
  let fp = 0;
  const hit = { edit: 0, paraphrase: 0 };
  const all = { edit: 0, paraphrase: 0 };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as ClusterItem;
      const b = items[j] as ClusterItem;
      const together = cluster[i] === cluster[j];
      if (a.group !== b.group) {
        if (together) fp++;
        continue;
      }
      const kind = a.kind === 'paraphrase' || b.kind === 'paraphrase' ? 'paraphrase' : 'edit';
      all[kind]++;
      if (together) {
        hit[kind]++;
        tp++;
      }
    }
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    threshold,
    precision: round(tp + fp === 0 ? 1 : tp / (tp + fp)),
    recallEdits: round(all.edit === 0 ? 1 : hit.edit / all.edit),
    recallParaphrases: round(all.paraphrase === 0 ? 1 : hit.paraphrase / all.paraphrase),
    falsePairs: fp,
    clusters: new Set(cluster).size,
  };
}

export function parseClusterSet(text: string): ClusterItem[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ClusterItem);
}

if (process.argv[1]?.endsWith('cluster-eval.js')) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { threshold: { type: 'string' } } });
  const file = positionals[0] ?? 'test/eval/sets/clusters.jsonl';
  const items = parseClusterSet(readFileSync(file, 'utf8'));
  const configured = values.threshold === undefined ? clusterSettings({}).threshold : Number(values.threshold);
  const sweep = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t) => scoreClustering(items, t));
  process.stderr.write(`${items.length} items, ${new Set(items.map((i) => i.group)).size} groups (${file})\n`);
  process.stderr.write('threshold  precision  recall(edits)  recall(paraphrases)  false pairs  clusters\n');
  for (const f of sweep) {
    process.stderr.write(`${f.threshold.toFixed(2).padEnd(11)}${String(f.precision).padEnd(11)}${String(f.recallEdits).padEnd(15)}${String(f.recallParaphrases).padEnd(21)}${String(f.falsePairs).padEnd(13)}${f.clusters}\n`);
  }
  const byLang = Object.fromEntries(['sv', 'ar', 'en'].map((lang) => [lang, scoreClustering(items.filter((i) => i.lang === lang), configured)]));
  process.stdout.write(`${JSON.stringify({ cluster_eval: scoreClustering(items, configured), by_language: byLang })}\n`);
}
