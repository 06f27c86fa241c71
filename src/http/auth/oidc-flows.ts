import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { oidcFlows } from '../../db/schema/index.js';

export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** A sign-in through the identity provider must come back within this time. */
export const FLOW_MINUTES = 10;

/** Stores a flow and returns the browser's cookie value for it (only its hash is stored). */
export async function saveFlow(db: Db, flow: OidcFlow, now: Date): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.delete(oidcFlows).where(lt(oidcFlows.expiresAt, now));
  await db.insert(oidcFlows).values({ idHash: hash(id), ...flow, expiresAt: new Date(now.getTime() + FLOW_MINUTES * 60_000) });
  return id;
}

/** Takes the flow out (single use: a replayed callback finds nothing); null when unknown or expired. */
export async function takeFlow(db: Db, id: string | undefined, now: Date): Promise<OidcFlow | null> {
  if (!id) return null;
  const [row] = await db.delete(oidcFlows).where(eq(oidcFlows.idHash, hash(id))).returning();
  if (!row || row.expiresAt <= now) return null;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo };
}

function hash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
