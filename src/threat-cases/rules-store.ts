import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog, threatRuleVersions } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { threatRulesFingerprint, validateThreatRules, type ThreatRules } from '../threats/index.js';

export interface RulesAuthor {
  /** Who made the change: a user name, `cli:<os user>`, `seed`… */
  actor: string;
  reason: string;
}

export interface StoredThreatRules {
  rules: ThreatRules;
  version: number;
  fingerprint: string;
  createdBy: string;
  reason: string;
  createdAt: Date;
}

export class ThreatRulesVersionNotFoundError extends VaksamError {
  constructor(version?: number) {
    super('THREAT_RULES_NOT_FOUND', version === undefined ? 'no threat rules stored yet: `vaksam threats rules import config/threats`' : `threat rules have no version ${version}`, {
      details: { version },
    });
  }
}

/** Saves the rules as a new version when they differ from the ones in force; every save is audited. */
export async function saveThreatRules(db: Db, rules: ThreatRules, author: RulesAuthor): Promise<{ version: number; changed: boolean }> {
  const fingerprint = threatRulesFingerprint(rules);
  return db.transaction(async (tx) => {
    // Serialise writers: two saves must not both become version n+1.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('threat-rules'))`);
    const [current] = await tx.select().from(threatRuleVersions).orderBy(desc(threatRuleVersions.version)).limit(1);
    if (current?.fingerprint === fingerprint) return { version: current.version, changed: false };
    const version = (current?.version ?? 0) + 1;
    await tx.insert(threatRuleVersions).values({ version, definition: { files: rules.files }, fingerprint, createdBy: author.actor, reason: author.reason });
    await tx.insert(auditLog).values({
      actor: author.actor,
      action: current === undefined ? 'threat-rules.create' : 'threat-rules.update',
      subject: 'threat-rules',
      details: { from: current?.version ?? null, to: version, fingerprint, reason: author.reason },
    });
    return { version, changed: true };
  });
}

/** The rules in force, or null when none were ever stored. */
export async function loadStoredThreatRules(db: Db): Promise<StoredThreatRules | null> {
  const [row] = await db.select().from(threatRuleVersions).orderBy(desc(threatRuleVersions.version)).limit(1);
  return row === undefined ? null : toStored(row);
}

export async function getThreatRulesVersion(db: Db, version: number): Promise<StoredThreatRules> {
  const [row] = await db.select().from(threatRuleVersions).where(eq(threatRuleVersions.version, version));
  if (row === undefined) throw new ThreatRulesVersionNotFoundError(version);
  return toStored(row);
}

/** Every version, newest first (without their rules, for a history listing). */
export async function threatRulesHistory(db: Db): Promise<Array<Omit<StoredThreatRules, 'rules'>>> {
  const rows = await db
    .select({ version: threatRuleVersions.version, fingerprint: threatRuleVersions.fingerprint, createdBy: threatRuleVersions.createdBy, reason: threatRuleVersions.reason, createdAt: threatRuleVersions.createdAt })
    .from(threatRuleVersions)
    .orderBy(desc(threatRuleVersions.version));
  return rows;
}

/** Makes an old version current again by saving it as a new version: history is never rewritten. */
export async function restoreThreatRules(db: Db, version: number, author: RulesAuthor): Promise<{ version: number; changed: boolean }> {
  const old = await getThreatRulesVersion(db, version);
  return saveThreatRules(db, old.rules, { actor: author.actor, reason: `restore version ${version}: ${author.reason}` });
}

/** The version number in force ('' when none): detectors compare it once per batch. */
export async function threatRulesRevision(db: Db): Promise<string> {
  const [row] = await db.select({ v: sql<number | null>`max(${threatRuleVersions.version})` }).from(threatRuleVersions);
  return row?.v === null || row?.v === undefined ? '' : String(row.v);
}

function toStored(row: typeof threatRuleVersions.$inferSelect): StoredThreatRules {
  return {
    rules: validateThreatRules(row.definition, `db:threat-rules@${row.version}`),
    version: row.version,
    fingerprint: row.fingerprint,
    createdBy: row.createdBy,
    reason: row.reason,
    createdAt: row.createdAt,
  };
}
