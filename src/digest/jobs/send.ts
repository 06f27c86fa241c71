import { composeEmails, emailOptions, loadRecipients, recordAddressedAlert, type AlertDeps, type Recipient } from '../../alerts/index.js';
import { renderEmail, type RenderedEmail } from '../../mail/index.js';
import { renderDailyChart, SERIES_COLORS, type DailyChart } from '../chart/daily-chart.js';
import { CHART_SERIES, digestEmail } from '../email.js';
import { digestDueAt, dueDigestWeek, formatIsoWeek, type IsoWeek } from '../iso-week.js';
import type { DigestSettings } from '../../config/index.js';
import type { DigestStats } from '../stats.js';
import { loadDigestStats } from './load-stats.js';

export interface DigestDeps extends AlertDeps {
  digest: DigestSettings;
}

export function digestKey(week: IsoWeek, recipientId: number): string {
  return `digest:${formatIsoWeek(week)}:recipient:${recipientId}`;
}

export function chartFor(stats: DigestStats): DailyChart | null {
  if (stats.narratives.length === 0) return null;
  const series = stats.narratives.slice(0, CHART_SERIES).map((n, i) => ({ label: n.narrative.slug, color: SERIES_COLORS[i % SERIES_COLORS.length]!, counts: n.daily }));
  return renderDailyChart(series, stats.dayLabels);
}

/**
 * Records one digest per recipient for the week; the dedupe key (week + recipient) is unique, so running this
 * twice, or from two workers, sends each person one digest a week. Returns how many were recorded now.
 */
export async function sendWeeklyDigests(deps: DigestDeps, week: IsoWeek, only?: Recipient[]): Promise<number> {
  const recipients = only ?? (await loadRecipients(deps.db));
  if (recipients.length === 0) return 0;
  const stats = await loadDigestStats(deps, deps.digest, week);
  const chart = chartFor(stats);
  const now = deps.now();
  let recorded = 0;
  for (const r of recipients) {
    const dedupeKey = digestKey(week, r.id);
    const emails = composeEmails(dedupeKey, [r], (lang) => digestEmail(stats, { language: lang, roles: r.roles }, emailOptions(deps), chart), {
      from: deps.from,
      now,
      timeZone: deps.settings.timeZone,
      ignoreQuietHours: false,
    });
    const alert = {
      kind: 'digest' as const,
      dedupeKey,
      severity: 'info',
      subject: stats.week,
      payload: { week: stats.week, recipientId: r.id, narratives: stats.narratives.length, cases: stats.cases.length },
      postIds: [],
      createdAt: now,
    };
    if (await recordAddressedAlert(deps, alert, emails)) recorded++;
  }
  return recorded;
}

/** From the tick: the digest of last week once Monday's send time has come (and for catchUpHours after). */
export async function sendDueDigests(deps: DigestDeps): Promise<number> {
  if (!deps.digest.enabled) return 0;
  const week = dueDigestWeek(deps.now(), deps.settings.timeZone, deps.digest.sendAt, deps.digest.catchUpHours);
  return week ? sendWeeklyDigests(deps, week) : 0;
}

/** The digest one recipient would get, rendered without recording anything (`vaksam digest preview`). */
export async function previewDigest(deps: DigestDeps, recipient: Recipient, week: IsoWeek): Promise<RenderedEmail & { dueAt: Date }> {
  const stats = await loadDigestStats(deps, deps.digest, week);
  const email = renderEmail(digestEmail(stats, recipient, emailOptions(deps), chartFor(stats)));
  return { ...email, dueAt: digestDueAt(week, deps.settings.timeZone, deps.digest.sendAt) };
}
