import { silentSourceCandidates } from '../../db/queries/index.js';
import { silenceEmail } from '../emails/silence-email.js';
import { findSilentSources } from '../silence.js';
import { emailOptions, type AlertDeps } from './deps.js';
import { loadRecipients } from './load.js';
import { recordAlert } from './record.js';

/** Tells admins about daily sources that went silent; one alert per silence. */
export async function alertSilentSources(deps: AlertDeps): Promise<number> {
  const now = deps.now();
  const s = deps.settings.silence;
  const silentBefore = new Date(now.getTime() - s.afterHours * 3_600_000);
  const candidates = await silentSourceCandidates(deps.db, { silentBefore, historyStart: new Date(silentBefore.getTime() - s.historyDays * 86_400_000) });
  const findings = findSilentSources(candidates.map((c) => ({ ...c, sourceId: c.id })), s, now);
  if (findings.length === 0) return 0;
  const recipients = await loadRecipients(deps.db);
  const options = emailOptions(deps);
  let recorded = 0;
  for (const finding of findings) {
    const source = candidates.find((c) => c.id === finding.sourceId)!;
    const facts = {
      source: { id: source.id, name: source.name, kind: source.kind, url: source.url },
      reason: finding.reason,
      silentSince: finding.silentSince.toISOString(),
      lastSuccessAt: source.lastSuccessAt?.toISOString() ?? null,
      lastErrorCode: source.lastErrorCode,
      lastError: source.lastError,
      activeDays: source.activeDays,
      historyDays: s.historyDays,
    };
    const alert = {
      kind: 'source-silence' as const,
      dedupeKey: finding.dedupeKey,
      severity: finding.reason === 'errors' ? 'high' : 'medium',
      subject: `source:${source.id}`,
      payload: { ...facts, source: { id: source.id, name: source.name, kind: source.kind } },
      postIds: [],
      audience: { role: 'admin' as const, urgent: false },
      threadKey: null,
      contentFor: (lang: 'sv' | 'en') => silenceEmail(facts, lang, options),
      createdAt: now,
    };
    if (await recordAlert(deps, alert, recipients)) recorded++;
  }
  return recorded;
}
