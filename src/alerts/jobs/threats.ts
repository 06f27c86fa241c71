import type { ThreatLevel } from '../../db/schema/index.js';
import { existingAlertKeys } from '../../db/queries/alerts.js';
import { recentThreats, threatsOfPosts, type ThreatRow } from '../../db/queries/alert-facts.js';
import { composeEmails } from '../compose.js';
import type { ThreatFacts } from '../emails/facts.js';
import { threatBatchEmail, threatEmail } from '../emails/threat-email.js';
import { threatRecipients } from '../recipients.js';
import { closedBucket, ignoresQuietHours, threatKey } from '../threat-routing.js';
import type { AlertDeps } from './deps.js';
import { loadRecipients, toPostFacts } from './load.js';
import { recordAlert } from './record.js';

const IMMEDIATE: ThreatLevel[] = ['high', 'critical'];
const SWEEP_LIMIT = 1000;

function toFacts(row: ThreatRow): ThreatFacts {
  return { level: row.level as ThreatLevel, categories: row.categories, signals: row.signals, post: toPostFacts(row) };
}

/**
 * High and critical threats, one alert each, mailed at once. With post ids: the posts a classify batch just wrote;
 * without: every such threat of the look-back period still lacking its alert (a lost event).
 */
export async function alertImmediateThreats(deps: AlertDeps, postIds?: readonly number[]): Promise<number> {
  const now = deps.now();
  const rows = postIds
    ? await threatsOfPosts(deps.db, postIds, IMMEDIATE)
    : await recentThreats(deps.db, { levels: IMMEDIATE, from: new Date(now.getTime() - deps.settings.threats.lookbackHours * 3_600_000), to: new Date(now.getTime() + 1), limit: SWEEP_LIMIT });
  const done = await existingAlertKeys(deps.db, rows.map((r) => threatKey(r.id, r.level as ThreatLevel)));
  const todo = rows.filter((r) => !done.has(threatKey(r.id, r.level as ThreatLevel)));
  if (todo.length === 0) return 0;
  const recipients = await loadRecipients(deps.db);
  let recorded = 0;
  for (const row of todo) {
    const facts = toFacts(row);
    const dedupeKey = threatKey(row.id, facts.level);
    const emails = composeEmails(dedupeKey, threatRecipients(recipients, facts.level), (lang) => threatEmail(facts, lang, deps.settings), {
      from: deps.from,
      now: deps.now(),
      timeZone: deps.settings.timeZone,
      ignoreQuietHours: ignoresQuietHours(facts.level),
    });
    const alert = {
      kind: 'threat' as const,
      dedupeKey,
      severity: facts.level,
      subject: `post:${row.id}`,
      payload: { postId: row.id, level: facts.level, categories: facts.categories, signals: facts.signals, classifiedAt: row.classifiedAt },
      postIds: [row.id],
      createdAt: deps.now(),
    };
    if (await recordAlert(deps, alert, emails)) recorded++;
  }
  return recorded;
}

/** Medium threats classified before the end of the last closed batch period and not yet in a batch: one heads-up. */
export async function alertMediumBatch(deps: AlertDeps): Promise<boolean> {
  const now = deps.now();
  const bucket = closedBucket(now, deps.settings.threats.mediumBatchMinutes);
  const from = new Date(now.getTime() - deps.settings.threats.lookbackHours * 3_600_000);
  const rows = await recentThreats(deps.db, { levels: ['medium'], from, to: bucket.end, notInAlertKinds: ['threat-batch'], limit: SWEEP_LIMIT });
  if (rows.length === 0) return false;
  const threats = rows.map(toFacts);
  const recipients = threatRecipients(await loadRecipients(deps.db), 'medium');
  const emails = composeEmails(bucket.dedupeKey, recipients, (lang) => threatBatchEmail(threats, lang, deps.settings), {
    from: deps.from,
    now,
    timeZone: deps.settings.timeZone,
    ignoreQuietHours: false,
  });
  const alert = {
    kind: 'threat-batch' as const,
    dedupeKey: bucket.dedupeKey,
    severity: 'medium',
    subject: `batch:${bucket.end.toISOString()}`,
    payload: { bucketEnd: bucket.end.toISOString(), postIds: rows.map((r) => r.id) },
    postIds: rows.map((r) => r.id),
    createdAt: now,
  };
  return (await recordAlert(deps, alert, emails)) !== null;
}
