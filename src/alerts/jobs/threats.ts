import { caseFacts, casesOfPosts, lastTold, recentCaseIds, untoldMediumCases } from '../../db/queries/index.js';
import type { ThreatLevel } from '../../db/schema/index.js';
import type { CaseChangeFacts, ThreatFacts } from '../emails/facts.js';
import { threatBatchEmail, threatEmail, threatGrowthEmail } from '../emails/threat-email.js';
import { isThreatLevel } from '../levels.js';
import type { Recipient } from '../recipients.js';
import { caseThread, closedBucket, decideCaseAlert, growthKey, ignoresQuietHours, threatKey, type CaseTold } from '../threat-routing.js';
import { emailOptions, type AlertDeps } from './deps.js';
import { loadRecipients, toThreatFacts } from './load.js';
import { recordAlert } from './record.js';

const SWEEP_LIMIT = 1000;
/** Alerts that tell a case's level; growth summaries only tell its size. */
const LEVEL_KINDS = ['threat', 'threat-batch'];
const TOLD_KINDS = ['threat', 'threat-growth'];

async function toldAbout(deps: AlertDeps, caseIds: readonly number[]): Promise<Map<number, CaseTold>> {
  const levels = await lastTold(deps.db, caseIds, LEVEL_KINDS);
  const latest = await lastTold(deps.db, caseIds, TOLD_KINDS);
  const out = new Map<number, CaseTold>();
  for (const [id, row] of levels) {
    const last = latest.get(id) ?? row;
    out.set(id, { level: isThreatLevel(row.level) ? row.level : 'none', postCount: last.postCount, at: new Date(last.at) });
  }
  return out;
}

/**
 * Tells high and critical cases: when one opens, when its level rises and (with `growth`, from the tick) as a
 * periodic summary once it gained posts. A repost joining an open case changes neither its level nor, until the
 * summary is due, anything told: it sends nothing. With post ids: the cases of the posts a classify batch just wrote;
 * without: every recent open case (a lost event, growth).
 */
export async function alertThreatCases(deps: AlertDeps, postIds?: readonly number[]): Promise<number> {
  const now = deps.now();
  const growthMinutes = postIds ? null : deps.settings.threats.growthSummaryMinutes;
  const caseIds = postIds
    ? await casesOfPosts(deps.db, postIds)
    : await recentCaseIds(deps.db, { levels: ['high', 'critical'], from: new Date(now.getTime() - deps.settings.threats.lookbackHours * 3_600_000), limit: SWEEP_LIMIT });
  if (caseIds.length === 0) return 0;
  const told = await toldAbout(deps, caseIds);
  const rows = await caseFacts(deps.db, caseIds);
  let recipients: Recipient[] | null = null;
  let recorded = 0;
  for (const row of rows) {
    const facts = toThreatFacts(row);
    const before = told.get(row.id) ?? null;
    const decision = decideCaseAlert(facts, before, now, growthMinutes);
    if (decision === null) continue;
    const change: CaseChangeFacts = {
      change: decision.kind === 'threat-growth' ? 'grown' : decision.change,
      previousLevel: before?.level ?? null,
      previousCount: before?.postCount ?? 0,
    };
    recipients ??= await loadRecipients(deps.db);
    if (await recordCaseAlert(deps, facts, change, recipients)) recorded++;
  }
  return recorded;
}

async function recordCaseAlert(deps: AlertDeps, facts: ThreatFacts, change: CaseChangeFacts, recipients: readonly Recipient[]): Promise<boolean> {
  const grown = change.change === 'grown';
  const options = emailOptions(deps);
  const recorded = await recordAlert(
    deps,
    {
      kind: grown ? 'threat-growth' : 'threat',
      dedupeKey: grown ? growthKey(facts.caseId, facts.postCount) : threatKey(facts.caseId, facts.level),
      severity: facts.level,
      subject: `case:${facts.caseId}`,
      payload: { caseId: facts.caseId, level: facts.level, categories: facts.categories, postCount: facts.postCount, change: change.change, previousLevel: change.previousLevel, postId: facts.post.id },
      postIds: facts.post.id === null ? [] : [facts.post.id],
      cases: [{ caseId: facts.caseId, postCount: facts.postCount, level: facts.level }],
      audience: { role: 'security', minLevel: facts.level, urgent: ignoresQuietHours(facts.level) && !grown },
      threadKey: caseThread(facts.caseId),
      contentFor: (lang) => (grown ? threatGrowthEmail(facts, change, lang, options) : threatEmail(facts, change, lang, options)),
      createdAt: deps.now(),
    },
    recipients,
  );
  return recorded !== null;
}

/** Medium cases opened before the end of the last closed batch period and not told yet: one heads-up. */
export async function alertMediumBatch(deps: AlertDeps): Promise<boolean> {
  const now = deps.now();
  const bucket = closedBucket(now, deps.settings.threats.mediumBatchMinutes);
  const from = new Date(now.getTime() - deps.settings.threats.lookbackHours * 3_600_000);
  const ids = await untoldMediumCases(deps.db, { from, to: bucket.end, limit: SWEEP_LIMIT });
  if (ids.length === 0) return false;
  const threats = (await caseFacts(deps.db, ids)).map(toThreatFacts);
  const options = emailOptions(deps);
  const recorded = await recordAlert(deps, {
    kind: 'threat-batch',
    dedupeKey: bucket.dedupeKey,
    severity: 'medium',
    subject: `batch:${bucket.end.toISOString()}`,
    payload: { bucketEnd: bucket.end.toISOString(), caseIds: threats.map((t) => t.caseId) },
    postIds: threats.flatMap((t) => (t.post.id === null ? [] : [t.post.id])),
    cases: threats.map((t) => ({ caseId: t.caseId, postCount: t.postCount, level: 'medium' as ThreatLevel })),
    audience: { role: 'security', minLevel: 'medium', urgent: false },
    threadKey: null,
    contentFor: (lang) => threatBatchEmail(threats, lang, options),
    createdAt: now,
  });
  return recorded !== null;
}
