import { caseFacts, unacknowledgedCritical } from '../../db/queries/index.js';
import { escalationEmail } from '../emails/threat-email.js';
import { caseThread, escalationKey } from '../threat-routing.js';
import { emailOptions, type AlertDeps } from './deps.js';
import { loadRecipients, toThreatFacts } from './load.js';
import { recordAlert } from './record.js';

/**
 * Critical cases nobody acknowledged within `escalation.afterMinutes` of their alert are told once more, to the
 * security role's escalation channels (SMS, Teams…; email only when none is configured), quiet hours or not.
 * Acknowledging, escalating to police or dismissing the case before then stops it; the key makes it happen once.
 */
export async function escalateUnacknowledged(deps: AlertDeps): Promise<number> {
  const { escalation, threats } = deps.settings;
  if (!escalation.enabled) return 0;
  const now = deps.now();
  const due = await unacknowledgedCritical(deps.db, {
    before: new Date(now.getTime() - escalation.afterMinutes * 60_000 + 1),
    from: new Date(now.getTime() - threats.lookbackHours * 3_600_000),
  });
  if (due.length === 0) return 0;
  const facts = new Map((await caseFacts(deps.db, due.map((d) => d.caseId))).map((row) => [row.id, toThreatFacts(row)]));
  const recipients = await loadRecipients(deps.db);
  const options = emailOptions(deps);
  let recorded = 0;
  for (const { caseId, alertedAt } of due) {
    const threat = facts.get(caseId);
    if (!threat) continue;
    const escalated = { threat, alertedAt, minutes: escalation.afterMinutes };
    const alert = await recordAlert(
      deps,
      {
        kind: 'escalation',
        dedupeKey: escalationKey(caseId),
        severity: 'critical',
        subject: `case:${caseId}`,
        payload: { caseId, alertedAt, afterMinutes: escalation.afterMinutes },
        postIds: [],
        cases: [{ caseId, postCount: threat.postCount, level: threat.level }],
        audience: { role: 'security', minLevel: 'critical', urgent: true, escalation: true },
        threadKey: caseThread(caseId),
        contentFor: (lang) => escalationEmail(escalated, lang, options),
        createdAt: now,
      },
      recipients,
    );
    if (alert) {
      recorded++;
      if (alert.channelIds.length === 0) deps.log.warn({ alertId: alert.alertId, caseId }, 'escalation sent by email: no escalation channel (SMS, Teams) is configured for security');
    }
  }
  return recorded;
}
