/**
 * Scores the narrative classifier on a labelled JSON-lines file in the format of ../shared/eval/dev.jsonl:
 * per-narrative and micro precision/recall/F1, the same per language, the stance confusion matrix, how often a
 * countering post is counted as spreading, and language detection accuracy. Prints a table, then one JSON line.
 *
 *   node dist/test/eval/classify-eval.js FILE [--catalogue DIR]
 *
 * Each post is classified with the language its line states, as sources that give a language do; detection is
 * scored separately on the same texts.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { createClassifier, type Classifier, type ClassifyResult, type Stance } from '../../src/classify/index.js';
import { detectLanguage } from '../../src/language/index.js';

export interface LabelledPost {
  id: string;
  lang: string;
  text: string;
  narratives: string[];
  stance: Stance | null;
  /** Kind of post (NARRATIVES.md); `criticism` and `complaint` negatives are genuine concerns. */
  family?: string;
}

/** Families of hard negatives that voice a genuine concern (issue 20): the classifier should say `concern` or nothing. */
const CONCERN_FAMILIES: ReadonlySet<string> = new Set(['criticism', 'complaint']);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalReport {
  posts: number;
  micro: Prf;
  perLanguage: Record<string, Prf>;
  perNarrative: Record<string, Prf>;
  /** gold stance (or `none` for posts without a narrative) → predicted stance (or `missed`) → count, per narrative pair. */
  stanceConfusion: Record<string, Record<string, number>>;
  /** Gold-countering posts that got at least one narrative counted as spreading, over all gold-countering posts. */
  counteringAsSpreading: { rate: number; posts: number; spreading: number };
  /**
   * Genuine-concern posts (criticism and complaint negatives): how many were taken as spreading a narrative, and how
   * many were recognised as a concern. A narrative result with stance `concern` does not count as carrying the
   * narrative in the figures above: the set labels criticism as a negative, and the product keeps it out of spreading.
   */
  concern: { posts: number; spreading: number; spreadingRate: number; recognised: number };
  languageDetection: { accuracy: number; wrong: string[] };
}

/** Parses a labelled file; a malformed line fails loudly (an eval must not quietly drop gold data). */
export function parseLabelled(text: string, fileName: string): LabelledPost[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim().length > 0)
    .map(({ line, i }) => {
      const post = JSON.parse(line) as LabelledPost;
      if (typeof post.id !== 'string' || typeof post.text !== 'string' || !Array.isArray(post.narratives)) {
        throw new Error(`${fileName}:${i + 1}: expected id, text and narratives`);
      }
      return post;
    });
}

export function evaluateClassifier(classifier: Classifier, posts: readonly LabelledPost[]): EvalReport {
  const micro = zero();
  const perLanguage: Record<string, Counts> = {};
  const perNarrative: Record<string, Counts> = {};
  for (const n of classifier.catalogue.narratives) perNarrative[n.slug] = zero();
  const confusion: Record<string, Record<string, number>> = {};
  let countering = 0;
  let counteringSpread = 0;
  const concern = { posts: 0, spreading: 0, recognised: 0 };
  const wrongLang: string[] = [];

  for (const post of posts) {
    const result = classifier.classify({ id: post.id, text: post.text, lang: post.lang });
    const predicted = new Map(result.narratives.map((n) => [n.slug, n.stance]));
    const gold = new Set(post.narratives);
    const lang = (perLanguage[post.lang] ??= zero());
    for (const slug of new Set([...gold, ...predicted.keys()])) {
      const counts = (perNarrative[slug] ??= zero());
      const carried = predicted.has(slug) && predicted.get(slug) !== 'concern';
      if (gold.has(slug) || carried) {
        const kind = gold.has(slug) ? (carried ? 'tp' : 'fn') : 'fp';
        for (const c of [counts, lang, micro]) c[kind]++;
      }
      bump(confusion, gold.has(slug) ? (post.stance ?? 'none') : CONCERN_FAMILIES.has(post.family ?? '') ? 'concern' : 'none', predicted.get(slug) ?? 'missed');
    }
    if (post.narratives.length === 0 && CONCERN_FAMILIES.has(post.family ?? '')) {
      concern.posts++;
      if (result.narratives.some((n) => n.stance === 'spreading')) concern.spreading++;
      if (result.narratives.some((n) => n.stance === 'concern')) concern.recognised++;
    }
    if (post.stance === 'countering') {
      countering++;
      if (result.narratives.some((n) => n.stance === 'spreading')) counteringSpread++;
    }
    const detected = detectLanguage(post.text);
    if (detected !== post.lang) wrongLang.push(`${post.id}:${post.lang}→${detected}`);
  }

  return {
    posts: posts.length,
    micro: prf(micro),
    perLanguage: mapValues(perLanguage, prf),
    perNarrative: mapValues(perNarrative, prf),
    stanceConfusion: confusion,
    counteringAsSpreading: { rate: countering === 0 ? 0 : round(counteringSpread / countering), posts: countering, spreading: counteringSpread },
    concern: { ...concern, spreadingRate: concern.posts === 0 ? 0 : round(concern.spreading / concern.posts) },
    languageDetection: { accuracy: round(1 - wrongLang.length / Math.max(1, posts.length)), wrong: wrongLang },
  };
}

/** Posts the classifier got wrong, for the table: id, gold, predicted. */
export function mistakes(classifier: Classifier, posts: readonly LabelledPost[]): string[] {
  const out: string[] = [];
  for (const post of posts) {
    const result: ClassifyResult = classifier.classify({ id: post.id, text: post.text, lang: post.lang });
    const got = result.narratives
      .filter((n) => n.stance !== 'concern' || post.narratives.includes(n.slug))
      .map((n) => `${n.slug}:${n.stance}`)
      .sort()
      .join(',');
    const want = post.narratives.map((s) => `${s}:${post.stance}`).sort().join(',');
    if (got !== want) out.push(`${post.id} want [${want}] got [${got}]`);
  }
  return out;
}

function zero(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

function bump(table: Record<string, Record<string, number>>, row: string, col: string): void {
  const r = (table[row] ??= {});
  r[col] = (r[col] ?? 0) + 1;
}

function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), ...c };
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function table(report: EvalReport): string {
  const row = (name: string, s: Prf) =>
    `${name.padEnd(20)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${s.f1.toFixed(3).padStart(7)}   tp=${s.tp} fp=${s.fp} fn=${s.fn}`;
  const lines = [`${'narrative'.padEnd(20)} precision  recall      f1`];
  for (const [slug, s] of Object.entries(report.perNarrative)) lines.push(row(slug, s));
  lines.push(row('micro', report.micro), '', `${'language'.padEnd(20)} precision  recall      f1`);
  for (const [lang, s] of Object.entries(report.perLanguage)) lines.push(row(lang, s));
  const cols = ['spreading', 'countering', 'reporting', 'concern', 'missed'];
  lines.push('', `stance (gold → predicted)  ${cols.map((c) => c.padStart(10)).join(' ')}`);
  for (const [gold, counts] of Object.entries(report.stanceConfusion)) {
    lines.push(`${gold.padEnd(27)}${cols.map((c) => String(counts[c] ?? 0).padStart(11)).join('')}`);
  }
  const cas = report.counteringAsSpreading;
  lines.push('', `countering taken as spreading: ${cas.spreading}/${cas.posts} (${(cas.rate * 100).toFixed(1)} %)`);
  const c = report.concern;
  lines.push(`concern (criticism, complaint) taken as spreading: ${c.spreading}/${c.posts} (${(c.spreadingRate * 100).toFixed(1)} %), recognised as concern: ${c.recognised}`);
  lines.push(`language detection accuracy: ${(report.languageDetection.accuracy * 100).toFixed(1)} % ${report.languageDetection.wrong.join(' ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { catalogue: { type: 'string', default: 'config/narratives' } } });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('usage: node dist/test/eval/classify-eval.js FILE [--catalogue DIR]\n');
    process.exitCode = 2;
    return;
  }
  await reportNarratives(file, values.catalogue as string);
}

/** The narrative report on one labelled file: table and mistakes on stderr, one JSON line on stdout. */
export async function reportNarratives(file: string, catalogueDir: string): Promise<void> {
  const classifier = createClassifier(await loadCatalogueDir(catalogueDir));
  const posts = parseLabelled(await readFile(file, 'utf8'), file);
  const report = evaluateClassifier(classifier, posts);
  process.stderr.write(`${table(report)}\n\nmistakes:\n${mistakes(classifier, posts).join('\n') || '(none)'}\n\n`);
  const { wrong: _wrong, ...detection } = report.languageDetection;
  process.stdout.write(`${JSON.stringify({ file, catalogue_version: classifier.version, ...report, languageDetection: detection })}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
