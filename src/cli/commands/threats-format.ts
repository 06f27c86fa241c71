import type { BandPrecision, CaseDetail, CaseListItem, MissedPost, RulePrecision, VerdictCounts } from '../../threat-cases/index.js';
import { evidenceTime } from '../../threat-cases/index.js';
import type { ThreatAssessment } from '../../threats/index.js';
import { queueReason } from '../../vocabulary/index.js';
import { markSpans } from '../../text/index.js';

/** The review queue as a table a coordinator scans: most severe and newest first. */
export function formatCaseTable(rows: readonly CaseListItem[]): string {
  if (rows.length === 0) return 'no threat cases match\n';
  const header = ['ID', 'LEVEL', 'STATUS', 'CATEGORIES', 'BY', 'POSTS', 'OPENED (SWEDISH TIME)', 'ASSIGNEE', 'TEXT'];
  const body = rows.map((r) => [
    String(r.id),
    r.level,
    r.status,
    r.categories.join(',') || '-',
    r.origin === 'model' ? `model ${(r.modelScore ?? 0).toFixed(2)}` : 'rules',
    String(r.postCount),
    evidenceTime(r.createdAt).stockholm.slice(0, 16).replace('T', ' '),
    r.assignee ?? '-',
    r.excerpt,
  ]);
  return table(header, body);
}

/** One case: its posts with the signals marked ⟦like this⟧, the source links, earlier posts by the author, history. */
export function formatCaseDetail(detail: CaseDetail): string {
  const c = detail.case;
  const lines = [
    `case ${c.id}: ${c.level} (${c.categories.join(', ')}), ${c.status}${c.policeRef ? `, police report ${c.policeRef}` : ''}`,
    `  assignee  ${c.assignee ?? '-'}`,
    ...(c.origin === 'model' ? [`  queued    suggested by the model, not by a rule (highest score ${(c.modelScore ?? 0).toFixed(2)})`] : []),
    ...(c.verdict === null ? [] : [`  verdict   ${c.verdict}${c.verdictLevel ? ` (right level: ${c.verdictLevel})` : ''}`]),
    `  opened    ${stamp(c.createdAt)}; ${c.postCount} post(s)${c.textPurgedAt ? `; texts removed ${stamp(c.textPurgedAt)}` : ''}`,
  ];
  detail.posts.forEach((p, i) => {
    lines.push(
      '',
      `post ${i + 1}${p.postId === null ? ' (deleted from the source)' : ` (id ${p.postId})`}: ${p.level} [${p.categories.join(', ')}]`,
      `  why       ${queueReason('en', p)}${!p.suggested && p.modelScore !== null ? ` (model score ${p.modelScore.toFixed(2)})` : ''}`,
      `  source    ${p.platform}${p.sourceName ? ` / ${p.sourceName}` : ''}`,
      `  link      ${p.url ?? '-'}`,
      `  author    ${p.authorHandle ?? '-'}`,
      `  published ${p.publishedAt ? stamp(p.publishedAt) : '-'}; fetched ${stamp(p.fetchedAt)}`,
      '',
      indent(p.text.length === 0 ? '(text removed by the retention policy)' : markSignals(p.text, p.signals)),
      '',
      ...p.signals.map((s) => `  ${s.kind.padEnd(13)} ${JSON.stringify(s.text)} at ${s.start}-${s.end}  ${s.rule ?? ''}`.trimEnd()),
    );
  });
  lines.push('', 'earlier posts by the same author:');
  if (detail.earlierPosts.length === 0) lines.push('  (none stored)');
  for (const e of detail.earlierPosts) lines.push(`  ${stamp(e.publishedAt ?? e.fetchedAt)}  ${e.threatLevel ?? 'none'}  ${e.url ?? `post ${e.postId}`}  ${e.excerpt}`);
  lines.push('', 'history:');
  for (const e of detail.events) {
    const move = e.fromStatus !== null && e.toStatus !== null && e.fromStatus !== e.toStatus ? ` ${e.fromStatus} → ${e.toStatus}` : '';
    lines.push(`  ${stamp(e.at)}  ${e.actor}  ${e.action}${move}${e.note ? `: ${e.note}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatRulePrecision(rows: readonly RulePrecision[]): string {
  if (rows.length === 0) return 'no cases yet: precision appears once cases are reviewed\n';
  return table(['RULE', ...COUNT_HEADER], rows.map((r) => [r.rule, ...countCells(r)]));
}

/** Verdicts per model score band, model-suggested and rule cases apart. */
export function formatBandPrecision(rows: readonly BandPrecision[]): string {
  if (rows.length === 0) return 'no cases with a model score yet\n';
  return table(['MODEL SCORE', 'QUEUED BY', ...COUNT_HEADER], rows.map((r) => [r.band, r.origin, ...countCells(r)]));
}

export function formatMissedPosts(rows: readonly MissedPost[]): string {
  if (rows.length === 0) return 'no posts marked as missed threats\n';
  return table(
    ['ID', 'POST', 'LEVEL', 'RULES SAID', 'MODEL', 'MARKED (SWEDISH TIME)', 'BY', 'TEXT'],
    rows.map((r) => [String(r.id), r.postId === null ? '-' : String(r.postId), r.level, r.ruleLevel, r.modelScore === null ? '-' : r.modelScore.toFixed(2), evidenceTime(r.markedAt).stockholm.slice(0, 16).replace('T', ' '), r.markedBy, (r.text ?? '').replace(/\s+/gu, ' ').slice(0, 60)]),
  );
}

/** DISMISSED: not a threat; WRONG-LEVEL: a threat at another level; LEVEL-RIGHT: confirmed over reviewed. */
const COUNT_HEADER = ['CASES', 'CONFIRMED', 'DISMISSED', 'PENDING', 'PRECISION', 'WRONG-LEVEL', 'LEVEL-RIGHT'];

function countCells(r: VerdictCounts): string[] {
  const share = (x: number | null) => (x === null ? '-' : x.toFixed(2));
  return [String(r.cases), String(r.confirmed), String(r.dismissed), String(r.pending), share(r.precision), String(r.wrongLevel), share(r.levelAccuracy)];
}

function table(header: readonly string[], body: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return `${[line(header), ...body.map(line)].join('\n')}\n`;
}

export function formatAssessment(text: string, a: ThreatAssessment): string {
  const lines = [`level ${a.level}${a.categories.length > 0 ? ` (${a.categories.join(', ')})` : ''}`];
  if (a.signals.length > 0) lines.push(indent(markSignals(text, a.signals)), ...a.signals.map((s) => `  ${s.kind.padEnd(13)} ${JSON.stringify(s.text)}  ${s.rule}`));
  return `${lines.join('\n')}\n`;
}

/** The text with every signal span wrapped in ⟦ ⟧ (overlaps merged), what a terminal can show without colour. */
function markSignals(text: string, signals: ReadonlyArray<{ start: number; end: number }>): string {
  return markSpans(text, signals, (inside) => `⟦${inside}⟧`);
}

function stamp(date: Date): string {
  const t = evidenceTime(date);
  return `${t.stockholm.slice(0, 19).replace('T', ' ')} Swedish time`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  | ${l}`)
    .join('\n');
}
