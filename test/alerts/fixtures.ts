import { eq, sql } from 'drizzle-orm';
import type { AlertDeps } from '../../src/alerts/index.js';
import { alertsConfigSchema } from '../../src/config/index.js';
import type { Db } from '../../src/db/index.js';
import { silentLogger } from '../../src/log/index.js';
import { schema } from '../../src/db/index.js';
import { insertRecipient } from '../../src/db/queries/recipients.js';
import type { RecipientRole, Stance, ThreatLevel } from '../../src/db/schema/index.js';
import { writeThreatResults } from '../../src/threat-cases/index.js';
import type { ThreatAssessment } from '../../src/threats/index.js';

let counter = 0;

/** Alert dependencies with default settings, a clock read through `now`, and no mail worker to wake. */
export function testAlertDeps(db: Db, now: () => Date, extra: Partial<AlertDeps> = {}): AlertDeps {
  return {
    db,
    log: silentLogger,
    now,
    settings: alertsConfigSchema.parse({}),
    uiBaseUrl: 'https://vaksam.example.se',
    from: 'Vaksam <larm@vaksam.example.se>',
    notifyMail: async () => {},
    ...extra,
  };
}

export async function addSource(db: Db, platform = 'mastodon', name = `source ${++counter}`): Promise<number> {
  const [row] = await db
    .insert(schema.sources)
    .values({ kind: platform, name, url: `https://example.org/${encodeURIComponent(name)}`, identityKey: name, everyMinutes: 15 })
    .returning({ id: schema.sources.id });
  return row!.id;
}

export interface PostSpec {
  sourceId: number;
  platform?: string;
  text?: string;
  title?: string | null;
  url?: string | null;
  language?: string | null;
  authorHandle?: string | null;
  at: Date;
}

export async function addPost(db: Db, spec: PostSpec): Promise<number> {
  const n = ++counter;
  const [row] = await db
    .insert(schema.posts)
    .values({
      sourceId: spec.sourceId,
      platform: spec.platform ?? 'mastodon',
      externalId: `ext-${n}`,
      url: spec.url === undefined ? `https://example.org/post/${n}` : spec.url,
      authorHandle: spec.authorHandle ?? `@user${n}`,
      title: spec.title ?? null,
      text: spec.text ?? `Inlägg nummer ${n}`,
      language: spec.language === undefined ? 'sv' : spec.language,
      publishedAt: spec.at,
      fetchedAt: spec.at,
      updatedAt: spec.at,
      contentHash: `hash-${n}`,
      classifiedAt: spec.at,
    })
    .returning({ id: schema.posts.id });
  return row!.id;
}

export async function addNarrativeMatch(db: Db, postId: number, slug: string, at: Date, stance: Stance = 'spreading', score = 0.8): Promise<void> {
  await db.insert(schema.postNarratives).values({ postId, slug, score, stance, explanation: {}, catalogueVersion: 'v1', contentHash: 'h', classifiedAt: at });
}

/**
 * Stores a threat assessment the way classifyPosts does (post_threats, and from medium up a case the post opens or
 * joins: reposts of one text share a case). Returns the case id (null below medium).
 */
export async function addThreat(
  db: Db,
  postId: number,
  level: ThreatLevel,
  at: Date,
  categories: string[] = ['threat'],
  signals: { kind: string; text: string; start: number; end: number }[] = [],
): Promise<number | null> {
  const [post] = await db.select({ text: schema.posts.text, contentHash: schema.posts.contentHash }).from(schema.posts).where(eq(schema.posts.id, postId));
  const assessment = { level, categories, signals, rules: [] } as unknown as ThreatAssessment;
  await db.transaction((tx) => writeThreatResults(tx as unknown as Db, [{ postId, assessment, rulesVersion: 'r1', contentHash: post!.contentHash, text: post!.text }], at));
  const [filed] = await db.select({ caseId: schema.threatCasePosts.caseId }).from(schema.threatCasePosts).where(eq(schema.threatCasePosts.postId, postId));
  return filed ? Number(filed.caseId) : null;
}

export async function addNarrative(db: Db, slug: string, definition: Record<string, unknown>): Promise<void> {
  const [n] = await db.insert(schema.narratives).values({ slug, currentVersion: 1 }).returning({ id: schema.narratives.id });
  await db.insert(schema.narrativeVersions).values({ narrativeId: n!.id, version: 1, definition, fingerprint: 'f', createdBy: 'test', reason: 'test' });
}

export async function addRecipient(
  db: Db,
  spec: {
    email: string;
    roles: RecipientRole[];
    language?: 'sv' | 'en';
    minThreatLevel?: ThreatLevel | null;
    narratives?: string[];
    quietHours?: { start: string; end: string } | null;
    phone?: string | null;
    channels?: ('email' | 'sms')[];
  },
): Promise<number> {
  const row = await insertRecipient(
    db,
    {
      name: spec.email.split('@')[0]!,
      email: spec.email,
      language: spec.language ?? 'sv',
      roles: spec.roles,
      region: null,
      quietHours: spec.quietHours ?? null,
      narratives: spec.narratives ?? [],
      minThreatLevel: spec.minThreatLevel === undefined ? (spec.roles.includes('security') ? 'medium' : null) : spec.minThreatLevel,
      phone: spec.phone ?? null,
      channels: spec.channels ?? ['email'],
    },
    new Date(),
  );
  return row!.id;
}

export async function outboxRows(db: Db) {
  return db.select().from(schema.mailOutbox).orderBy(schema.mailOutbox.id);
}

export async function alertRows(db: Db) {
  return db.select().from(schema.alerts).orderBy(schema.alerts.id);
}

/** Empties the alert tables between tests that share one database. */
export async function clearAlerts(db: Db): Promise<void> {
  await db.execute(sql`truncate alerts, alert_posts, alert_cases, alert_state, mail_outbox, channel_outbox restart identity cascade`);
}
