import { insertRecipient, listRecipients } from '../../db/queries/index.js';
import type { RecipientRole } from '../../db/schema/index.js';
import { ROLES, rolesWithoutRecipient, type Recipient } from '../recipients.js';
import type { AlertDeps } from './deps.js';
import { loadRecipients } from './load.js';
import { deliverWaitingAlerts } from './waiting.js';

/** Roles no recipient and no channel receives alerts for; their alerts wait (first run). */
export async function unreachedRoles(deps: Pick<AlertDeps, 'db' | 'channels'>): Promise<RecipientRole[]> {
  const channelRoles = Object.values(deps.channels ?? {}).flatMap((c) => (c.enabled ? c.roles : []));
  return rolesWithoutRecipient(await loadRecipients(deps.db), channelRoles);
}

/**
 * VAKSAM_ADMIN_EMAIL on a start with no recipients: that address becomes the first recipient, with every role and
 * threats from medium, and gets the alerts already waiting. Null when there were recipients (or no address).
 */
export async function ensureFirstRecipient(deps: AlertDeps, email: string | null): Promise<{ recipient: Recipient; delivered: number[] } | null> {
  if (!email || (await listRecipients(deps.db)).length > 0) return null;
  const row = { name: 'Administratör', email, language: 'sv' as const, roles: [...ROLES], region: null, quietHours: null, narratives: [], minThreatLevel: 'medium' as const, phone: null, channels: ['email' as const] };
  const stored = await insertRecipient(deps.db, row, deps.now());
  if (!stored) return null;
  const recipient = { ...row, id: stored.id };
  return { recipient, delivered: await deliverWaitingAlerts(deps, recipient) };
}
