import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { catalogueFingerprint, validateNarrative, type Catalogue, type Narrative } from '../catalogue/index.js';
import type { Db } from '../db/index.js';
import { auditLog, narratives, narrativeVersions } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';

export interface ChangeAuthor {
  /** Who made the change: a user name, `cli:<os user>`, `import`... */
  actor: string;
  reason: string;
}

export interface SaveOutcome {
  slug: string;
  version: number;
  changed: boolean;
}

export class NarrativeNotFoundError extends VaksamError {
  constructor(slug: string, version?: number) {
    super('NARRATIVE_NOT_FOUND', version === undefined ? `no narrative '${slug}'` : `narrative '${slug}' has no version ${version}`, {
      details: { slug, version },
    });
  }
}

/** The enabled narratives in force and a fingerprint of them (the catalogue version stored with every result). */
export async function loadStoredCatalogue(db: Db): Promise<{ catalogue: Catalogue; version: string }> {
  const rows = await db
    .select({ slug: narratives.slug, definition: narrativeVersions.definition })
    .from(narratives)
    .innerJoin(narrativeVersions, and(eq(narrativeVersions.narrativeId, narratives.id), eq(narrativeVersions.version, narratives.currentVersion)))
    .where(eq(narratives.enabled, true))
    .orderBy(asc(narratives.slug));
  const catalogue: Catalogue = { narratives: rows.map((r) => validateNarrative(r.definition, `db:${r.slug}`)) };
  return { catalogue, version: catalogueFingerprint(catalogue) };
}

/**
 * A cheap token that changes whenever the catalogue in force changes (a save, restore, enable or disable):
 * classify workers compare it once per batch and rebuild their classifier only then.
 */
export async function catalogueRevision(db: Db): Promise<string> {
  const rows = await db
    .select({ token: sql<string>`coalesce(string_agg(${narratives.slug} || ':' || ${narratives.currentVersion} || ':' || ${narratives.enabled}::text, ',' order by ${narratives.slug}), '')` })
    .from(narratives);
  return rows[0]?.token ?? '';
}

/** Saves a narrative as a new version when it differs from the one in force; every save is audited. */
export async function saveNarrative(db: Db, narrative: Narrative, author: ChangeAuthor): Promise<SaveOutcome> {
  const fingerprint = catalogueFingerprint({ narratives: [narrative] });
  return db.transaction(async (tx) => {
    // Serialise writers of one slug: concurrent saves must not both become version n+1.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`narrative:${narrative.slug}`}))`);
    const [existing] = await tx.select().from(narratives).where(eq(narratives.slug, narrative.slug));
    if (!existing) {
      const [created] = await tx.insert(narratives).values({ slug: narrative.slug, enabled: narrative.enabled, currentVersion: 1 }).returning();
      await tx.insert(narrativeVersions).values({ narrativeId: created!.id, version: 1, definition: narrative, fingerprint, ...toVersionAuthor(author) });
      await tx.insert(auditLog).values({ actor: author.actor, action: 'narrative.create', subject: `narrative:${narrative.slug}`, details: { version: 1, reason: author.reason } });
      return { slug: narrative.slug, version: 1, changed: true };
    }
    const [current] = await tx
      .select({ fingerprint: narrativeVersions.fingerprint })
      .from(narrativeVersions)
      .where(and(eq(narrativeVersions.narrativeId, existing.id), eq(narrativeVersions.version, existing.currentVersion)));
    if (current?.fingerprint === fingerprint && existing.enabled === narrative.enabled) {
      return { slug: narrative.slug, version: existing.currentVersion, changed: false };
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${narrativeVersions.version}), 0) + 1` })
      .from(narrativeVersions)
      .where(eq(narrativeVersions.narrativeId, existing.id))) as [{ next: number }];
    const version = Number(next);
    await tx.insert(narrativeVersions).values({ narrativeId: existing.id, version, definition: narrative, fingerprint, ...toVersionAuthor(author) });
    await tx.update(narratives).set({ currentVersion: version, enabled: narrative.enabled, updatedAt: new Date() }).where(eq(narratives.id, existing.id));
    await tx.insert(auditLog).values({
      actor: author.actor,
      action: 'narrative.update',
      subject: `narrative:${narrative.slug}`,
      details: { from: existing.currentVersion, to: version, reason: author.reason },
    });
    return { slug: narrative.slug, version, changed: true };
  });
}

/** Makes an old version current again by saving its content as a new version: history is never rewritten. */
export async function restoreNarrativeVersion(db: Db, slug: string, version: number, author: ChangeAuthor): Promise<SaveOutcome> {
  const old = await getNarrativeVersion(db, slug, version);
  const outcome = await saveNarrative(db, old.narrative, { ...author, reason: `restore version ${version}: ${author.reason}` });
  await db.insert(auditLog).values({ actor: author.actor, action: 'narrative.restore', subject: `narrative:${slug}`, details: { restored: version, as: outcome.version } });
  return outcome;
}

export interface NarrativeVersionInfo {
  slug: string;
  version: number;
  current: boolean;
  createdBy: string;
  reason: string;
  createdAt: Date;
  narrative: Narrative;
}

export async function getNarrativeVersion(db: Db, slug: string, version?: number): Promise<NarrativeVersionInfo> {
  const history = await narrativeHistory(db, slug);
  const found = version === undefined ? history.find((h) => h.current) : history.find((h) => h.version === version);
  if (!found) throw new NarrativeNotFoundError(slug, version);
  return found;
}

/** Every version of a narrative, newest first. */
export async function narrativeHistory(db: Db, slug: string): Promise<NarrativeVersionInfo[]> {
  const rows = await db
    .select({ version: narrativeVersions.version, current: narratives.currentVersion, createdBy: narrativeVersions.createdBy, reason: narrativeVersions.reason, createdAt: narrativeVersions.createdAt, definition: narrativeVersions.definition })
    .from(narrativeVersions)
    .innerJoin(narratives, eq(narratives.id, narrativeVersions.narrativeId))
    .where(eq(narratives.slug, slug))
    .orderBy(desc(narrativeVersions.version));
  if (rows.length === 0) throw new NarrativeNotFoundError(slug);
  return rows.map((r) => ({
    slug,
    version: r.version,
    current: r.version === r.current,
    createdBy: r.createdBy,
    reason: r.reason,
    createdAt: r.createdAt,
    narrative: validateNarrative(r.definition, `db:${slug}@${r.version}`),
  }));
}

export interface NarrativeSummary {
  slug: string;
  enabled: boolean;
  version: number;
  title: string;
  updatedAt: Date;
}

export async function listNarratives(db: Db): Promise<NarrativeSummary[]> {
  const rows = await db
    .select({ slug: narratives.slug, enabled: narratives.enabled, version: narratives.currentVersion, updatedAt: narratives.updatedAt, definition: narrativeVersions.definition })
    .from(narratives)
    .innerJoin(narrativeVersions, and(eq(narrativeVersions.narrativeId, narratives.id), eq(narrativeVersions.version, narratives.currentVersion)))
    .orderBy(asc(narratives.slug));
  return rows.map((r) => ({ slug: r.slug, enabled: r.enabled, version: r.version, updatedAt: r.updatedAt, title: String((r.definition.title as { en?: string } | undefined)?.en ?? r.slug) }));
}

/** Imports a catalogue (from YAML files): unchanged narratives are left at their version. */
export async function importCatalogue(db: Db, catalogue: Catalogue, author: ChangeAuthor): Promise<SaveOutcome[]> {
  const outcomes: SaveOutcome[] = [];
  for (const narrative of catalogue.narratives) outcomes.push(await saveNarrative(db, narrative, author));
  return outcomes;
}

/** All narratives as stored (enabled or not), for export. */
export async function loadAllNarratives(db: Db): Promise<Catalogue> {
  const summaries = await listNarratives(db);
  const all = await Promise.all(summaries.map((s) => getNarrativeVersion(db, s.slug)));
  return { narratives: all.map((v) => v.narrative) };
}

function toVersionAuthor(author: ChangeAuthor) {
  return { createdBy: author.actor, reason: author.reason };
}
