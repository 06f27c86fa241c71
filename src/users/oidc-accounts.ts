import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { users } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { createUser, findUser, normalizeUsername, type ChangeContext, type UserRow } from './accounts.js';
import { recordAudit } from './audit.js';
import type { UserRole } from './roles.js';

/** An identity the provider vouched for, with the role mapped from its claims. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  username: string;
  displayName: string;
  role: UserRole;
}

/** The OIDC sign-in cannot be completed for a stated reason (shown to the user, audited). */
export class OidcAccountError extends VaksamError {
  constructor(reason: 'name-taken' | 'disabled' | 'bad-name', message: string) {
    super('OIDC_ACCOUNT', message, { details: { reason } });
  }
}

/**
 * Finds or creates the account of an OIDC identity, keyed by issuer and subject (never by name: a provider may let
 * users choose their name). The role follows the provider at every sign-in, and every change is audited.
 */
export async function linkOidcUser(db: Db, identity: OidcIdentity, ctx: Omit<ChangeContext, 'actor'>): Promise<UserRow> {
  const key = `${identity.issuer} ${identity.subject}`;
  const [linked] = await db.select().from(users).where(eq(users.oidcSubject, key));
  if (linked) {
    if (linked.disabled) throw new OidcAccountError('disabled', `the account '${linked.username}' is disabled`);
    if (linked.role === identity.role && linked.displayName === identity.displayName) return linked;
    const [updated] = await db.update(users).set({ role: identity.role, displayName: identity.displayName, updatedAt: ctx.now }).where(eq(users.id, linked.id)).returning();
    if (linked.role !== identity.role) {
      await recordAudit(db, { actor: 'oidc', action: 'user.role', subject: `user:${linked.username}`, details: { from: linked.role, to: identity.role }, at: ctx.now });
    }
    return updated!;
  }
  let username: string;
  try {
    username = normalizeUsername(identity.username);
  } catch (cause) {
    throw new OidcAccountError('bad-name', `the provider's user name '${identity.username}' cannot be used: ${(cause as Error).message}`);
  }
  if (await findUser(db, username)) {
    throw new OidcAccountError('name-taken', `the user name '${username}' belongs to a local account; an admin must rename or remove it first`);
  }
  return createUser(db, { username, role: identity.role, displayName: identity.displayName, password: null }, { ...ctx, actor: 'oidc' }, key);
}
