/**
 * Trains the threat model shipped in config/threat-model.json (issue 15, item 3). Deterministic: the same files give
 * the same weights, version and digest.
 *
 *   npm run train                                  # writes config/threat-model.json
 *   npm run train -- --out FILE --offensive DIR --public DIR --threats FILE
 *
 * Data: the tuning half of the threat set (label: doxxing, threat or critical), the tuning half of the public English
 * threat data (split by evalHalf of the id, so its test half stays unseen), and the tuning half of the
 * offensive-language corpora in ../shared/corpus/threats as negatives (read by path, never copied).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { fitThreatModel, serialiseThreatModel, type LabelledText } from '../../src/threat-model/index.js';
import { evalHalf } from './halves.js';
import { parseLabelledThreats, readOffensiveCorpora, type LabelledThreatPost } from './threats-eval.js';

/** Gold labels the model learns as positive: the high and critical ones. */
export function isHighPlus(post: Pick<LabelledThreatPost, 'threat'>): boolean {
  return post.threat === 'doxxing' || post.threat === 'threat' || post.threat === 'critical';
}

export interface TrainingFiles {
  threats: string;
  publicDir: string;
  offensiveDir: string;
}

/** The training examples, in a fixed order: threat set, public files (sorted), offensive corpora. */
export async function trainingExamples(files: TrainingFiles): Promise<LabelledText[]> {
  const out: LabelledText[] = [];
  const threats = parseLabelledThreats(await readFile(files.threats, 'utf8'), files.threats);
  for (const p of threats.filter((t) => evalHalf(t.id) === 'tune')) out.push({ source: 'threats-tune', id: p.id, text: p.text, lang: p.lang, positive: isHighPlus(p), tunesThreshold: true });
  for (const file of (await readdir(files.publicDir)).filter((f) => f.endsWith('.jsonl')).sort()) {
    const posts = parseLabelledThreats(await readFile(join(files.publicDir, file), 'utf8'), file);
    for (const p of posts.filter((t) => evalHalf(t.id) === 'tune')) out.push({ source: file.replace(/\.jsonl$/u, ''), id: p.id, text: p.text, lang: p.lang, positive: isHighPlus(p) });
  }
  for (const { corpus, lang, posts } of await readOffensiveCorpora(files.offensiveDir)) {
    posts.forEach((p, i) => {
      const id = `${corpus}:${i}`;
      if (evalHalf(id) === 'tune') out.push({ source: corpus, id, text: p.text, lang, positive: false, offensive: true });
    });
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'config/threat-model.json' },
      threats: { type: 'string', default: 'test/eval/sets/threats.jsonl' },
      public: { type: 'string', default: 'test/eval/public' },
      offensive: { type: 'string', default: '../shared/corpus/threats' },
    },
  });
  const examples = await trainingExamples({ threats: values.threats, publicDir: values.public, offensiveDir: values.offensive });
  const model = fitThreatModel(examples);
  await writeFile(values.out, serialiseThreatModel(model));
  process.stderr.write(`${values.out}: ${model.version}, ${examples.length} examples, threshold ${model.threshold} (${JSON.stringify(model.training.threshold.figures)})\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
