import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { audit } from './audit.js';
import { authoredBy, jsonNames, resolvePerson, textNames, type PersonMatch, type PersonQuery } from './match.js';

/** Rows listed per kind; a person with more is told so (`truncated`) and can be erased all the same. */
export const MAX_ROWS_PER_KIND = 5000;

export interface PersonPost {
  id: number;
  platform: string;
  source: string;
  url: string | null;
  authorHandle: string | null;
  title: string | null;
  text: string;
  publishedAt: string | null;
  fetchedAt: string;
  pseudonymised: boolean;
  narratives: string[];
  threatLevel: string | null;
}

export interface PersonCaseEntry {
  caseId: number;
  status: string;
  policeRef: string | null;
  policeReleased: boolean;
  /** Escalated to the police and not released: kept through an erasure request. */
  heldForPolice: boolean;
  postId: number | null;
  platform: string;
  url: string | null;
  text: string;
  textSha256: string;
  addedAt: string;
}

/** Everything Vaksam holds about a handle (issue 20): what `privacy find` lists and `privacy export` writes. */
export interface PersonRecord {
  query: { handle: string; platform: string | null };
  generatedAt: string;
  posts: PersonPost[];
  cases: PersonCaseEntry[];
  /** Staff watchlist entries the person's posts named (entry id and kind only; the name stays sealed). */
  watchlistHits: Array<{ postId: number; entry: string }>;
  /** Staff reports about the person's posts (the reporter's identity is not the person's data and is not listed). */
  reports: Array<{ reference: string; receivedAt: string; reportedUrl: string | null; captureAuthor: string | null }>;
  /** Other people's posts that name the handle (an @mention, a share, a signature). */
  mentions: Array<{ postId: number; platform: string; url: string | null; where: 'text' | 'metadata' }>;
  /** Alerts and the emails and channel posts rendered from them that name the handle. */
  alerts: Array<{ id: number; kind: string; createdAt: string }>;
  quarantined: Array<{ id: number; sourceId: number; reason: string; createdAt: string }>;
  /** Posts a reviewer marked as missed threats (a copy of the text kept for retraining): the person's, or naming them. */
  missedThreats: Array<{ id: number; postId: number | null; level: string; markedAt: string }>;
  truncated: boolean;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** `privacy.find` lists, `privacy.export` hands a copy to the person: both are audited with counts, never the handle. */
export type AccessAction = 'privacy.find' | 'privacy.export';

export async function findPerson(db: Db, key: Buffer, query: PersonQuery, by: { actor: string; now: Date; action: AccessAction }): Promise<PersonRecord> {
  const match = await resolvePerson(db, key, query);
  const record = await readPerson(db, match, by.now);
  const counts = { posts: record.posts.length, cases: record.cases.length, reports: record.reports.length, mentions: record.mentions.length, alerts: record.alerts.length, quarantined: record.quarantined.length, missedThreats: record.missedThreats.length };
  await audit(db, key, match, by, by.action, counts);
  return record;
}

async function readPerson(db: Db, match: PersonMatch, now: Date): Promise<PersonRecord> {
  const limit = MAX_ROWS_PER_KIND + 1;
  const posts = await queryRows<{ id: string | number; platform: string; source: string; url: string | null; author_handle: string | null; title: string | null; text: string; published_at: Date | string | null; fetched_at: Date | string; pseudonymised_at: Date | null; narratives: string[]; level: string | null }>(
    db,
    sql`select p.id, p.platform, s.name as source, p.url, p.author_handle, p.title, p.text, p.published_at, p.fetched_at, p.pseudonymised_at,
          coalesce((select array_agg(n.slug || ':' || n.stance order by n.slug) from post_narratives n where n.post_id = p.id), '{}') as narratives,
          (select t.level from post_threats t where t.post_id = p.id) as level
        from posts p join sources s on s.id = p.source_id where ${authoredBy('p', match)} order by p.fetched_at, p.id limit ${limit}`,
  );
  const cases = await queryRows<{ case_id: string | number; status: string; police_ref: string | null; police_released_at: Date | null; post_id: string | number | null; platform: string; url: string | null; text: string; text_sha256: string; added_at: Date | string }>(
    db,
    sql`select c.case_id, k.status, k.police_ref, k.police_released_at, c.post_id, c.platform, c.url, c.text, c.text_sha256, c.added_at
        from threat_case_posts c join threat_cases k on k.id = c.case_id where ${authoredBy('c', match)} order by c.case_id, c.id limit ${limit}`,
  );
  const watchlist = await queryRows<{ post_id: string | number; rule: string }>(
    db,
    sql`select distinct t.post_id, s ->> 'rule' as rule from posts p join post_threats t on t.post_id = p.id, jsonb_array_elements(t.signals) s
        where ${authoredBy('p', match)} and s ->> 'kind' = 'watchlist' order by 1, 2 limit ${limit}`,
  );
  const reports = await queryRows<{ reference: string; received_at: Date | string; reported_url: string | null; capture_author: string | null }>(
    db,
    sql`select r.reference, r.received_at, r.reported_url, r.capture ->> 'author' as capture_author from tipline_reports r
        where r.post_id in (select p.id from posts p where ${authoredBy('p', match)})
           or r.post_id in (select c.post_id from threat_case_posts c where ${authoredBy('c', match)})
           or ${textNames(sql`r.reported_url`, match)} or lower(ltrim(r.capture ->> 'author', '@')) = ${match.handle}
        order by r.received_at limit ${limit}`,
  );
  const mentions = await queryRows<{ id: string | number; platform: string; url: string | null; in_text: boolean }>(
    db,
    sql`select p.id, p.platform, p.url, ${textNames(sql`coalesce(p.title, '') || ' ' || p.text`, match)} as in_text from posts p
        where not ${authoredBy('p', match)} and (${textNames(sql`coalesce(p.title, '') || ' ' || p.text`, match)} or ${textNames(sql`coalesce(p.url, '')`, match)} or ${jsonNames(sql`p.metadata`, match)})
        order by p.id limit ${limit}`,
  );
  const alerts = await queryRows<{ id: string | number; kind: string; created_at: Date | string }>(
    db,
    sql`select a.id, a.kind, a.created_at from alerts a
        where ${textNames(sql`a.payload::text`, match)} or ${textNames(sql`coalesce(a.content::text, '')`, match)}
           or exists (select 1 from mail_outbox m where m.alert_id = a.id and (${textNames(sql`m.subject || ' ' || m.text || ' ' || m.html`, match)}))
           or exists (select 1 from channel_outbox o where o.alert_id = a.id and ${textNames(sql`o.payload::text`, match)})
        order by a.id limit ${limit}`,
  );
  const quarantined = await queryRows<{ id: string | number; source_id: number; reason: string; created_at: Date | string }>(
    db,
    sql`select q.id, q.source_id, q.reason, q.created_at from quarantine q where q.raw is not null and ${jsonNames(sql`q.raw`, match)} order by q.id limit ${limit}`,
  );
  const missed = await queryRows<{ id: string | number; post_id: string | number | null; level: string; marked_at: Date | string }>(
    db,
    sql`select m.id, m.post_id, m.level, m.marked_at from threat_missed_posts m
        where m.post_id in (select p.id from posts p where ${authoredBy('p', match)})
           or ${textNames(sql`m.text || ' ' || coalesce(m.url, '') || ' ' || coalesce(m.note, '')`, match)}
        order by m.id limit ${limit}`,
  );
  const truncated = [posts, cases, watchlist, reports, mentions, alerts, quarantined, missed].some((rows) => rows.length > MAX_ROWS_PER_KIND);
  const cap = <T>(rows: T[]) => rows.slice(0, MAX_ROWS_PER_KIND);
  return {
    query: { handle: match.handle, platform: match.platform },
    generatedAt: now.toISOString(),
    posts: cap(posts).map((p) => ({
      id: Number(p.id),
      platform: p.platform,
      source: p.source,
      url: p.url,
      authorHandle: p.author_handle,
      title: p.title,
      text: p.text,
      publishedAt: iso(p.published_at),
      fetchedAt: iso(p.fetched_at) as string,
      pseudonymised: p.pseudonymised_at !== null,
      narratives: p.narratives,
      threatLevel: p.level,
    })),
    cases: cap(cases).map((c) => ({
      caseId: Number(c.case_id),
      status: c.status,
      policeRef: c.police_ref,
      policeReleased: c.police_released_at !== null,
      heldForPolice: isHeldForPolice(c.status, c.police_ref, c.police_released_at),
      postId: c.post_id === null ? null : Number(c.post_id),
      platform: c.platform,
      url: c.url,
      text: c.text,
      textSha256: c.text_sha256,
      addedAt: iso(c.added_at) as string,
    })),
    watchlistHits: cap(watchlist).map((w) => ({ postId: Number(w.post_id), entry: w.rule })),
    reports: cap(reports).map((r) => ({ reference: r.reference, receivedAt: iso(r.received_at) as string, reportedUrl: r.reported_url, captureAuthor: r.capture_author })),
    mentions: cap(mentions).map((m) => ({ postId: Number(m.id), platform: m.platform, url: m.url, where: m.in_text ? 'text' : 'metadata' })),
    alerts: cap(alerts).map((a) => ({ id: Number(a.id), kind: a.kind, createdAt: iso(a.created_at) as string })),
    quarantined: cap(quarantined).map((q) => ({ id: Number(q.id), sourceId: Number(q.source_id), reason: q.reason, createdAt: iso(q.created_at) as string })),
    missedThreats: cap(missed).map((m) => ({ id: Number(m.id), postId: m.post_id === null ? null : Number(m.post_id), level: m.level, markedAt: iso(m.marked_at) as string })),
    truncated,
  };
}

/** A case the police asked for and have not released: its evidence is kept whatever the request (issue 20). */
export function isHeldForPolice(status: string, policeRef: string | null, releasedAt: Date | string | null): boolean {
  return status === 'escalated' && policeRef !== null && releasedAt === null;
}
