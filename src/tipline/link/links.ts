import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineLinks } from '../../db/schema/index.js';
import { recordAudit } from '../../users/index.js';
import { ReportInvalidError } from '../errors.js';

export type TiplineLink = typeof tiplineLinks.$inferSelect;

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Lower-cased, checked e-mail domains: a link must name at least one, so codes only go to the organisation's staff. */
export function parseDomains(raw: string | readonly string[]): string[] {
  const list = (typeof raw === 'string' ? raw.split(/[\s,;]+/) : [...raw]).map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
  const bad = list.filter((d) => !DOMAIN.test(d));
  if (bad.length > 0) throw new ReportInvalidError(`domains: '${bad[0]}' is not an e-mail domain (like kommun.se)`, { field: 'domains' });
  if (list.length === 0) throw new ReportInvalidError('domains: give at least one e-mail domain of the organisation (like kommun.se)', { field: 'domains' });
  return [...new Set(list)];
}

/** Creates a secret link and returns its token, which is shown once: only its SHA-256 is stored. */
export async function createLink(db: Db, input: { name: string; domains: string | readonly string[]; actor: string }, now: Date): Promise<{ link: TiplineLink; token: string }> {
  const name = input.name.trim().slice(0, 200);
  if (!name) throw new ReportInvalidError('name: give the organisation the link is for', { field: 'name' });
  const token = randomBytes(24).toString('base64url');
  const [link] = await db.insert(tiplineLinks).values({ name, tokenHash: hashToken(token), allowedDomains: parseDomains(input.domains), createdBy: input.actor, createdAt: now }).returning();
  await recordAudit(db, { at: now, actor: input.actor, action: 'tipline.link.create', subject: `tipline-link:${link!.id}`, details: { domains: link!.allowedDomains } });
  return { link: link!, token };
}

export async function listLinks(db: Db): Promise<TiplineLink[]> {
  return db.select().from(tiplineLinks).orderBy(asc(tiplineLinks.id));
}

/** Revoked links stop working at once; their reports stay. */
export async function revokeLink(db: Db, id: number, actor: string, now: Date): Promise<boolean> {
  const done = await db.update(tiplineLinks).set({ revokedAt: now }).where(and(eq(tiplineLinks.id, id), isNull(tiplineLinks.revokedAt))).returning({ id: tiplineLinks.id });
  if (done.length > 0) await recordAudit(db, { at: now, actor, action: 'tipline.link.revoke', subject: `tipline-link:${id}` });
  return done.length > 0;
}

/** The live link a token opens, or null (unknown, malformed or revoked: all look the same from outside). */
export async function findLink(db: Db, token: string): Promise<TiplineLink | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const [link] = await db.select().from(tiplineLinks).where(and(eq(tiplineLinks.tokenHash, hashToken(token)), isNull(tiplineLinks.revokedAt)));
  return link ?? null;
}

export function isAllowedEmail(link: Pick<TiplineLink, 'allowedDomains'>, email: string): boolean {
  const domain = email.toLowerCase().split('@')[1] ?? '';
  return link.allowedDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
