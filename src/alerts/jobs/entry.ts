import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/index.js';
import { sqlList } from '../../db/queries/index.js';
import type { AlertDeps } from './deps.js';
import { escalateUnacknowledged } from './escalation.js';
import { alertSilentSources } from './silence.js';
import { evaluateSurges } from './surges.js';
import { alertMediumBatch, alertThreatCases } from './threats.js';

export interface CheckSummary {
  threats: number;
  surges: number;
}

/**
 * The event entry point, called (through the alert queue) after the classifier stored a batch: the threat cases of
 * these posts are told at once if they opened or rose to high or critical, and the narratives they spread are checked
 * for a surge. Safe to repeat: every alert has a dedupe key and surge episodes keep state.
 */
export async function checkPosts(deps: AlertDeps, postIds: readonly number[]): Promise<CheckSummary> {
  if (postIds.length === 0) return { threats: 0, surges: 0 };
  const threats = await alertThreatCases(deps, postIds);
  const rows = await queryRows<{ slug: string }>(
    deps.db,
    sql`select distinct slug from post_narratives where stance = 'spreading' and post_id in ${sqlList(postIds)}`,
  );
  const surges = rows.length > 0 ? await evaluateSurges(deps, rows.map((r) => r.slug)) : 0;
  return { threats, surges };
}

export interface TickSummary extends CheckSummary {
  mediumBatch: boolean;
  silentSources: number;
  escalations: number;
}

/**
 * The repeating evaluation: surges (and their ends), lost threat events and growth summaries of open cases, the
 * medium batch, escalations of unacknowledged critical cases, silent sources.
 */
export async function runAlertTick(deps: AlertDeps): Promise<TickSummary> {
  const surges = await evaluateSurges(deps);
  const threats = await alertThreatCases(deps);
  const mediumBatch = await alertMediumBatch(deps);
  const escalations = await escalateUnacknowledged(deps);
  const silentSources = await alertSilentSources(deps);
  return { surges, threats, mediumBatch, escalations, silentSources };
}
