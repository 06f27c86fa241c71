/**
 * Scores the learned second opinion (issue 15, item 3): the model alone at its threshold on posts it was not trained
 * on (the threat set's test half per language, the public data's unseen half, the offensive corpora's other half),
 * and the review queue of rules and model together against the rules alone.
 */
import { levelRank, type ThreatDetector } from '../../src/threats/index.js';
import { modelOpinion, type ThreatModel } from '../../src/threat-model/index.js';
import { evalHalf } from './halves.js';
import { isHighPlus } from './train-model.js';
import { countBinary as count, finish, isThreatRelevant, round, zero, type LabelledThreatPost, type Prf } from './threats-eval.js';

export interface QueueFigures {
  /** Gold high+ posts that reach the review queue (rules at medium+, or a model suggestion). */
  highPlusRecall: number;
  /** Queued posts whose gold label belongs in the queue (medium and above). */
  precision: number;
  queued: number;
  suggested: number;
}

export interface ModelReport {
  modelVersion: string;
  threshold: number;
  /** The model alone, high+ vs not, per language and overall. */
  model: Record<string, Prf>;
  /** Rules alone and rules + model suggestions, as the review queue sees them. */
  queue: { rules: QueueFigures; combined: QueueFigures };
}

export function evaluateModel(model: ThreatModel, detector: ThreatDetector, posts: readonly LabelledThreatPost[]): ModelReport {
  const perLang: Record<string, Prf> = { all: zero() };
  const rules = { queued: 0, relevant: 0, highHit: 0, suggested: 0 };
  const combined = { queued: 0, relevant: 0, highHit: 0, suggested: 0 };
  let highPlus = 0;
  for (const post of posts) {
    const level = detector.assess({ text: post.text, lang: post.lang }).level;
    const opinion = modelOpinion(model, level, post.text, post.lang);
    const gold = isHighPlus(post);
    const predicted = opinion.score >= model.threshold;
    count(perLang.all as Prf, gold, predicted);
    count((perLang[post.lang] ??= zero()), gold, predicted);
    if (gold) highPlus++;
    const byRules = levelRank(level) >= levelRank('medium');
    tallyQueue(rules, byRules, false, post, gold);
    tallyQueue(combined, byRules || opinion.suggested, opinion.suggested, post, gold);
  }
  for (const prf of Object.values(perLang)) finish(prf);
  const figures = (q: typeof rules): QueueFigures => ({
    highPlusRecall: round(highPlus === 0 ? 1 : q.highHit / highPlus),
    precision: round(q.queued === 0 ? 1 : q.relevant / q.queued),
    queued: q.queued,
    suggested: q.suggested,
  });
  return { modelVersion: model.version, threshold: model.threshold, model: perLang, queue: { rules: figures(rules), combined: figures(combined) } };
}

/** The model on the public data's unseen half (the half it was not trained on). */
export function unseenPublicHalf<T extends { id: string }>(posts: readonly T[]): T[] {
  return posts.filter((p) => evalHalf(p.id) === 'test');
}

/** Share of offensive-language posts in the corpora's test half the model would suggest (the rules left them low). */
export function offensiveSuggestions(model: ThreatModel, corpora: ReadonlyArray<{ corpus: string; lang: string; posts: ReadonlyArray<{ text: string }> }>): Array<{ corpus: string; posts: number; suggested: number; rate: number }> {
  return corpora.map(({ corpus, lang, posts }) => {
    const unseen = posts.filter((_, i) => evalHalf(`${corpus}:${i}`) === 'test');
    const suggested = unseen.filter((p) => modelOpinion(model, 'none', p.text, lang).suggested).length;
    return { corpus, posts: unseen.length, suggested, rate: Math.round((suggested / Math.max(1, unseen.length)) * 10000) / 10000 };
  });
}

function tallyQueue(q: { queued: number; relevant: number; highHit: number; suggested: number }, queued: boolean, suggested: boolean, post: LabelledThreatPost, gold: boolean): void {
  if (!queued) return;
  q.queued++;
  if (suggested) q.suggested++;
  if (isThreatRelevant(post)) q.relevant++;
  if (gold) q.highHit++;
}

export function modelTable(columns: ReadonlyArray<{ part: string; report: ModelReport }>, publicSets: ReadonlyArray<{ file: string; report: ModelReport }>, offensive: ReturnType<typeof offensiveSuggestions>): string {
  const first = columns[0]?.report;
  if (first === undefined) return '';
  const cell = (p: Prf | undefined) => (p === undefined ? '–' : `P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)}`.padEnd(24));
  const q = (f: QueueFigures) => `R ${f.highPlusRecall.toFixed(3)} P ${f.precision.toFixed(3)} (${f.queued})`.padEnd(24);
  const langs = [...new Set(columns.flatMap((c) => Object.keys(c.report.model)))].sort();
  const lines = [
    `${`model ${first.modelVersion} @ ${first.threshold}`.padEnd(28)}${columns.map((c) => c.part.padEnd(24)).join('')}`,
    ...langs.map((l) => `${`model high+ ${l}`.padEnd(28)}${columns.map((c) => cell(c.report.model[l])).join('')}`),
    `${'queue, rules only'.padEnd(28)}${columns.map((c) => q(c.report.queue.rules)).join('')}`,
    `${'queue, rules + model'.padEnd(28)}${columns.map((c) => q(c.report.queue.combined)).join('')}`,
    '  (queue: R = gold high+ posts that reach the queue; P = queued posts gold medium or above; (n) queued)',
  ];
  for (const p of publicSets) lines.push(`${`public unseen ${p.file.replace(/^.*\//u, '')}`.padEnd(28)}model ${cell(p.report.model.all).trim()}; queue ${q(p.report.queue.combined).trim()}`);
  for (const o of offensive) lines.push(`${`offensive unseen ${o.corpus}`.padEnd(28)}model suggests ${o.suggested}/${o.posts} (${(o.rate * 100).toFixed(2)} %)`);
  return lines.join('\n');
}
