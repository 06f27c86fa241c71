/**
 * Scores threat detection on a labelled JSON-lines file in the format of ../shared/eval/dev.jsonl (field `threat`:
 * none, hostile, mobilization, doxxing, threat, critical): precision/recall per level, for high and critical together
 * ("high+"), and for mobilization; and how many `none` posts (news about threats, condemnation) were raised above low.
 * With --offensive DIR (../shared/corpus/threats), also the rate at which ordinary offensive language from OSACT2020
 * (Arabic), OLID (English) and L-HSAB (Arabic) is wrongly raised to high or above. Prints a table, then one JSON line.
 *
 *   node dist/test/eval/threats-eval.js FILE [--rules DIR] [--offensive DIR]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createThreatDetector, levelRank, loadThreatRulesDir, THREAT_LEVELS, type ThreatDetector, type ThreatLevel } from '../../src/threats/index.js';

export interface LabelledThreatPost {
  id: string;
  lang: string;
  text: string;
  threat: GoldLabel;
  /** The kind of post (test/eval/sets/THREATS.md), for per-family recall. */
  family?: string;
  /** How it is written (slang, emoji, arabizi, a dialect …), for per-style recall. */
  style?: string[];
  note?: string;
}

type GoldLabel = 'none' | 'hostile' | 'mobilization' | 'doxxing' | 'threat' | 'critical';

/** Labels security coordinators must be told about (medium and above); `none` and `hostile` are the negatives. */
export function isThreatRelevant(post: Pick<LabelledThreatPost, 'threat'>): boolean {
  return post.threat !== 'none' && post.threat !== 'hostile';
}

const LEVEL_OF: Record<GoldLabel, ThreatLevel> = { none: 'none', hostile: 'low', mobilization: 'medium', doxxing: 'high', threat: 'high', critical: 'critical' };

export interface Prf {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface ThreatEvalReport {
  posts: number;
  perLevel: Record<ThreatLevel, Prf>;
  highPlus: Prf;
  mobilization: Prf;
  /** Gold `none` posts the detector raised above low (news about threats, condemnation must stay at none or low). */
  noneAboveLow: { posts: number; raised: number; ids: string[] };
  /** high+ precision/recall per language of the post. */
  perLanguage: Record<string, Prf>;
  /**
   * Per family: for threat-relevant posts, how many were caught (raised to their gold level, or to high for doxxing,
   * threat and critical); for negatives, how many were wrongly raised above low.
   */
  perFamily: Record<string, FamilyRate>;
  /** Per style (slang, arabizi, a dialect …), how many threat-relevant posts were caught. */
  perStyle: Record<string, FamilyRate>;
  mistakes: string[];
}

export interface FamilyRate {
  /** True for families of threat-relevant posts: `hits` are catches. False for negatives: `hits` are false alarms. */
  relevant: boolean;
  posts: number;
  hits: number;
  rate: number;
}

export function parseLabelledThreats(text: string, fileName: string): LabelledThreatPost[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim().length > 0)
    .map(({ line, i }) => {
      const post = JSON.parse(line) as LabelledThreatPost;
      if (typeof post.id !== 'string' || typeof post.text !== 'string' || !(post.threat in LEVEL_OF)) {
        throw new Error(`${fileName}:${i + 1}: expected id, text and threat (${Object.keys(LEVEL_OF).join('|')})`);
      }
      return post;
    });
}

export function evaluateThreats(detector: ThreatDetector, posts: readonly LabelledThreatPost[]): ThreatEvalReport {
  const perLevel = Object.fromEntries(THREAT_LEVELS.map((l) => [l, zero()])) as Record<ThreatLevel, Prf>;
  const highPlus = zero();
  const mobilization = zero();
  const noneAboveLow = { posts: 0, raised: 0, ids: [] as string[] };
  const perLanguage: Record<string, Prf> = {};
  const perFamily: Record<string, FamilyRate> = {};
  const perStyle: Record<string, FamilyRate> = {};
  const mistakes: string[] = [];
  for (const post of posts) {
    const result = detector.assess({ text: post.text, lang: post.lang });
    const gold = LEVEL_OF[post.threat];
    countBinary((perLanguage[post.lang] ??= zero()), levelRank(gold) >= levelRank('high'), levelRank(result.level) >= levelRank('high'));
    const relevant = isThreatRelevant(post);
    const hit = relevant ? isCaught(gold, result.level) : levelRank(result.level) > levelRank('low');
    if (post.family !== undefined) tally(perFamily, post.family, relevant, hit);
    if (relevant) for (const style of post.style ?? []) tally(perStyle, style, true, hit);
    if (gold === result.level) perLevel[gold].tp++;
    else {
      perLevel[gold].fn++;
      perLevel[result.level].fp++;
    }
    countBinary(highPlus, levelRank(gold) >= levelRank('high'), levelRank(result.level) >= levelRank('high'));
    countBinary(mobilization, post.threat === 'mobilization', result.level === 'medium' && result.categories.includes('mobilization'));
    if (post.threat === 'none') {
      noneAboveLow.posts++;
      if (levelRank(result.level) > levelRank('low')) {
        noneAboveLow.raised++;
        noneAboveLow.ids.push(post.id);
      }
    }
    if (gold !== result.level) {
      const signals = result.signals.map((s) => `${s.kind}:${s.text}`).join(' ');
      mistakes.push(`${post.id} gold ${gold} got ${result.level} [${result.categories.join(',')}] ${post.text}${signals ? ` | ${signals}` : ''}`);
    }
  }
  for (const prf of [...Object.values(perLevel), ...Object.values(perLanguage), highPlus, mobilization]) finish(prf);
  for (const rate of [...Object.values(perFamily), ...Object.values(perStyle)]) rate.rate = round(rate.hits / rate.posts);
  return { posts: posts.length, perLevel, highPlus, mobilization, noneAboveLow, perLanguage, perFamily, perStyle, mistakes };
}

/** A report without the post-level detail (mistakes, ids), which must not leave the tuning half. */
export type ThreatFigures = Omit<ThreatEvalReport, 'mistakes' | 'noneAboveLow'> & { noneAboveLow: { posts: number; raised: number } };

export function threatFigures(report: ThreatEvalReport): ThreatFigures {
  const { mistakes: _mistakes, noneAboveLow, ...rest } = report;
  return { ...rest, noneAboveLow: { posts: noneAboveLow.posts, raised: noneAboveLow.raised } };
}

/** A threat-relevant post is caught when raised to its gold level, or to high for doxxing, threat and critical. */
function isCaught(gold: ThreatLevel, predicted: ThreatLevel): boolean {
  return levelRank(predicted) >= Math.min(levelRank(gold), levelRank('high'));
}

function tally(table: Record<string, FamilyRate>, key: string, relevant: boolean, hit: boolean): void {
  const rate = (table[key] ??= { relevant, posts: 0, hits: 0, rate: 0 });
  rate.posts++;
  if (hit) rate.hits++;
}

export function countBinary(prf: Prf, gold: boolean, predicted: boolean): void {
  if (gold && predicted) prf.tp++;
  else if (gold) prf.fn++;
  else if (predicted) prf.fp++;
}

export function zero(): Prf {
  return { precision: 0, recall: 0, tp: 0, fp: 0, fn: 0 };
}

export function finish(prf: Prf): void {
  prf.precision = prf.tp + prf.fp === 0 ? 1 : round(prf.tp / (prf.tp + prf.fp));
  prf.recall = prf.tp + prf.fn === 0 ? 1 : round(prf.tp / (prf.tp + prf.fn));
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export interface OffensiveRate {
  corpus: string;
  posts: number;
  /** Posts the corpus labels offensive/abusive/hateful. */
  offensive: number;
  /** Posts raised to high or above, over all posts and over the offensive ones. */
  highPlus: number;
  offensiveHighPlus: number;
  rate: number;
  offensiveRate: number;
  /** Posts raised to medium or above, for context. */
  mediumPlus: number;
  /**
   * The same posts behind a neutral sentence naming social services ("Om socialtjänsten:"), as if they were about
   * staff: threat rules need that context, so this shows what the threat and menace wording alone would raise.
   */
  withContextHighPlus: number;
  withContextRate: number;
  examples: string[];
}

/** A neutral opening that gives a post the social-services context threat rules require. */
const CONTEXT_PREFIX: Record<string, string> = { en: 'About social services: ', ar: 'بخصوص السوسيال: ', sv: 'Om socialtjänsten: ' };

/** The text behind the neutral social-services opening of its language (for data that is not about social services). */
export function withServicesContext(text: string, lang: string): string {
  return `${CONTEXT_PREFIX[lang] ?? ''}${text}`;
}

interface CorpusPost {
  text: string;
  offensive: boolean;
}

/** The offensive-language corpora of ../shared/corpus/threats, read by path (see its MANIFEST.md). */
export async function readOffensiveCorpora(dir: string): Promise<Array<{ corpus: string; lang: string; posts: CorpusPost[] }>> {
  const tsv = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim().length > 0).map((l) => l.split('\t'));
  const osact = [...(await tsv(join(dir, 'osact2020-ar/OSACT2020-sharedTask-train.txt'))), ...(await tsv(join(dir, 'osact2020-ar/OSACT2020-sharedTask-dev.txt')))];
  const olid = (await tsv(join(dir, 'olid-en/olid-training-v1.0.tsv'))).slice(1);
  const lhsab = (await tsv(join(dir, 'l-hsab-ar/L-HSAB.tsv'))).slice(1);
  return [
    { corpus: 'osact2020-ar', lang: 'ar', posts: osact.map((c) => ({ text: (c[0] ?? '').replaceAll('<LF>', '\n'), offensive: c[1] === 'OFF' || c[2] === 'HS' })) },
    { corpus: 'olid-en', lang: 'en', posts: olid.map((c) => ({ text: c[1] ?? '', offensive: c[2] === 'OFF' })) },
    { corpus: 'l-hsab-ar', lang: 'ar', posts: lhsab.map((c) => ({ text: c[0] ?? '', offensive: c[1] === 'abusive' || c[1] === 'hate' })) },
  ];
}

export async function offensiveFalseAlarms(detector: ThreatDetector, dir: string): Promise<OffensiveRate[]> {
  const out: OffensiveRate[] = [];
  for (const { corpus, lang, posts } of await readOffensiveCorpora(dir)) {
    const rate: OffensiveRate = {
      corpus,
      posts: posts.length,
      offensive: 0,
      highPlus: 0,
      offensiveHighPlus: 0,
      rate: 0,
      offensiveRate: 0,
      mediumPlus: 0,
      withContextHighPlus: 0,
      withContextRate: 0,
      examples: [],
    };
    for (const post of posts) {
      const withContext = detector.assess({ text: withServicesContext(post.text, lang), lang }).level;
      if (levelRank(withContext) >= levelRank('high')) {
        rate.withContextHighPlus++;
        if (rate.examples.length < 10) rate.examples.push(`${withContext} (with context): ${post.text.replace(/\s+/gu, ' ').slice(0, 160)}`);
      }
      const level = detector.assess({ text: post.text, lang }).level;
      if (post.offensive) rate.offensive++;
      if (levelRank(level) >= levelRank('medium')) rate.mediumPlus++;
      if (levelRank(level) < levelRank('high')) continue;
      rate.highPlus++;
      if (post.offensive) rate.offensiveHighPlus++;
      if (rate.examples.length < 20) rate.examples.push(`${level}: ${post.text.replace(/\s+/gu, ' ').slice(0, 160)}`);
    }
    rate.rate = round(rate.highPlus / Math.max(1, rate.posts));
    rate.offensiveRate = round(rate.offensiveHighPlus / Math.max(1, rate.offensive));
    rate.withContextRate = round(rate.withContextHighPlus / Math.max(1, rate.posts));
    out.push(rate);
  }
  return out;
}

function table(report: ThreatEvalReport, offensive: readonly OffensiveRate[]): string {
  const row = (name: string, p: Prf) =>
    `${name.padEnd(14)} P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  const lines = [`${report.posts} posts`, ...THREAT_LEVELS.map((l) => row(l, report.perLevel[l])), row('high+', report.highPlus), row('mobilization', report.mobilization)];
  const n = report.noneAboveLow;
  lines.push(`none raised above low: ${n.raised}/${n.posts} ${n.ids.join(' ')}`);
  for (const o of offensive) {
    lines.push(
      `${o.corpus.padEnd(14)} high+ ${o.highPlus}/${o.posts} (${(o.rate * 100).toFixed(2)} %), offensive only ${o.offensiveHighPlus}/${o.offensive} (${(o.offensiveRate * 100).toFixed(2)} %), medium+ ${o.mediumPlus}; ` +
        `with a social-services opening: high+ ${o.withContextHighPlus} (${(o.withContextRate * 100).toFixed(2)} %)`,
    );
    for (const e of o.examples) lines.push(`    ${e}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rules: { type: 'string', default: 'config/threats' }, offensive: { type: 'string' } },
  });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('usage: node dist/test/eval/threats-eval.js FILE [--rules DIR] [--offensive DIR]\n');
    process.exitCode = 2;
    return;
  }
  const detector = createThreatDetector(await loadThreatRulesDir(values.rules as string));
  const report = evaluateThreats(detector, parseLabelledThreats(await readFile(file, 'utf8'), file));
  const offensive = values.offensive === undefined ? [] : await offensiveFalseAlarms(detector, values.offensive);
  process.stderr.write(`${table(report, offensive)}\n\nmistakes:\n${report.mistakes.join('\n') || '(none)'}\n\n`);
  const { mistakes: _mistakes, ...figures } = report;
  process.stdout.write(`${JSON.stringify({ file, rules_version: detector.version, ...figures, offensive: offensive.map(({ examples: _e, ...o }) => o) })}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
