import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalHalf } from './halves.js';
import { trainingExamples } from './train-model.js';

let dir: string;
const ids = Array.from({ length: 40 }, (_, i) => `thr-sv-${String(i).padStart(4, '0')}`);
const LABELS = ['threat', 'critical', 'doxxing', 'mobilization', 'hostile', 'none'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vaksam-train-'));
  await writeFile(join(dir, 'threats.jsonl'), ids.map((id, i) => JSON.stringify({ id, lang: 'sv', text: `text ${i}`, threat: LABELS[i % LABELS.length] })).join('\n'));
  await mkdir(join(dir, 'public'));
  await writeFile(join(dir, 'public', 'ethos.jsonl'), ids.map((id) => JSON.stringify({ id: `e-${id}`, lang: 'en', text: 'kill', threat: 'threat' })).join('\n'));
  for (const sub of ['osact2020-ar', 'olid-en', 'l-hsab-ar']) await mkdir(join(dir, 'corpus', sub), { recursive: true });
  const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');
  await writeFile(join(dir, 'corpus/osact2020-ar/OSACT2020-sharedTask-train.txt'), rows(20, (i) => `نص ${i}\tOFF\tNOT_HS`));
  await writeFile(join(dir, 'corpus/osact2020-ar/OSACT2020-sharedTask-dev.txt'), '');
  await writeFile(join(dir, 'corpus/olid-en/olid-training-v1.0.tsv'), `id\ttweet\ta\n${rows(20, (i) => `${i}\ttweet ${i}\tOFF`)}`);
  await writeFile(join(dir, 'corpus/l-hsab-ar/L-HSAB.tsv'), `Tweet\tClass\n${rows(20, (i) => `تغريدة ${i}\tabusive`)}`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trainingExamples', () => {
  it('takes only the tuning half of the threat set, the public data and the corpora, so their test halves stay unseen', async () => {
    const examples = await trainingExamples({ threats: join(dir, 'threats.jsonl'), publicDir: join(dir, 'public'), offensiveDir: join(dir, 'corpus') });
    const set = examples.filter((e) => e.source === 'threats-tune');
    expect(set.map((e) => e.id)).toEqual(ids.filter((id) => evalHalf(id) === 'tune'));
    expect(examples.filter((e) => e.source === 'ethos').every((e) => evalHalf(e.id) === 'tune')).toBe(true);
    const corpora = examples.filter((e) => e.offensive);
    expect(corpora.length).toBeGreaterThan(0);
    expect(corpora.every((e) => evalHalf(e.id) === 'tune' && !e.positive)).toBe(true);
  });

  it('learns doxxing, threat and critical as positives and everything else as negatives', async () => {
    const examples = await trainingExamples({ threats: join(dir, 'threats.jsonl'), publicDir: join(dir, 'public'), offensiveDir: join(dir, 'corpus') });
    for (const e of examples.filter((x) => x.source === 'threats-tune')) {
      const label = LABELS[ids.indexOf(e.id) % LABELS.length]!;
      expect(e.positive).toBe(['threat', 'critical', 'doxxing'].includes(label));
      expect(e.tunesThreshold).toBe(true);
    }
  });
});
