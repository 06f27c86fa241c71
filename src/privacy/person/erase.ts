import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { anonymiseSnapshots, scrubReports, scrubReportsOfPosts } from '../store/case-snapshots.js';
import { removePosts } from '../store/remove-posts.js';
import { audit } from './audit.js';
import { authoredBy, jsonNames, resolvePerson, textNames, type PersonMatch, type PersonQuery } from './match.js';

/** What replaces the handle where it stands in someone else's text, an alert or an email. */
export const ERASED_MARK = '[raderad]';

export interface KeptForPolice {
  caseId: number;
  policeRef: string;
  posts: number;
}

export interface EraseOutcome {
  postsRemoved: number;
  caseEntriesAnonymised: number;
  reportsScrubbed: number;
  mentionsScrubbed: number;
  alertsScrubbed: number;
  quarantineRemoved: number;
  /** Missed-threat copies of the person's posts deleted, and copies naming them scrubbed. */
  missedThreatsErased: number;
  /** Cases escalated to the police and not released: their evidence about the person stays until release. */
  kept: KeptForPolice[];
}

const HELD = sql`(k.status = 'escalated' and k.police_ref is not null and k.police_released_at is null)`;

/**
 * Erases what Vaksam holds about a handle (issue 20), in one transaction: the person's posts go (their days stay
 * counted), their entries in cases lose text, handle and URLs, reports lose the captured page, other people's posts,
 * alerts and emails get the handle replaced by [raderad], quarantined payloads naming it are deleted. Entries in a
 * case the police hold are kept and listed. Audited with counts and a keyed hash of the handle, never the handle.
 */
export async function erasePerson(db: Db, key: Buffer, query: PersonQuery, by: { actor: string; now: Date }): Promise<EraseOutcome> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const match = await resolvePerson(tx, key, query);
    const entries = await queryRows<{ id: string | number; post_id: string | number | null; case_id: string | number; police_ref: string | null; held: boolean }>(
      tx,
      sql`select c.id, c.post_id, c.case_id, k.police_ref, ${HELD} as held from threat_case_posts c join threat_cases k on k.id = c.case_id where ${authoredBy('c', match)}`,
    );
    const held = entries.filter((e) => e.held);
    const heldPostIds = new Set(held.map((e) => Number(e.post_id)).filter((id) => id > 0));
    const released = entries.filter((e) => !e.held).map((e) => Number(e.id));
    await anonymiseSnapshots(tx, key, released);
    if (released.length > 0) await queryRows(tx, sql`update threat_case_posts set author_handle = null where id = any(${sql.param(released)}::bigint[])`);
    const own = (await queryRows<{ id: string | number }>(tx, sql`select p.id from posts p where ${authoredBy('p', match)}`)).map((r) => Number(r.id)).filter((id) => !heldPostIds.has(id));
    let reportsScrubbed = await scrubReportsOfPosts(tx, own);
    reportsScrubbed += await scrubReports(tx, await reportsNaming(tx, match, [...heldPostIds]));
    const alertsScrubbed = await scrubAlerts(tx, match);
    const missedThreatsErased = await eraseMissedThreats(tx, match, own);
    const postsRemoved = await removePosts(tx, own);
    const mentionsScrubbed = await scrubMentions(tx, match, by.now);
    const quarantined = await queryRows(tx, sql`delete from quarantine q where q.raw is not null and (${jsonNames(sql`q.raw`, match)} or ${textNames(sql`q.raw::text`, match)}) returning q.id`);
    const kept = keptForPolice(held);
    const outcome = { postsRemoved, caseEntriesAnonymised: released.length, reportsScrubbed, mentionsScrubbed, alertsScrubbed, quarantineRemoved: quarantined.length, missedThreatsErased, kept };
    await audit(tx, key, match, by, 'privacy.erase', { ...outcome, kept: kept.map((k) => ({ caseId: k.caseId, posts: k.posts })) });
    return outcome;
  });
}

async function reportsNaming(tx: Db, match: PersonMatch, heldPostIds: number[]): Promise<number[]> {
  const rows = await queryRows<{ id: string | number }>(
    tx,
    sql`select r.id from tipline_reports r
        where (${textNames(sql`coalesce(r.reported_url, '')`, match)} or lower(ltrim(r.capture ->> 'author', '@')) = ${match.handle}
               or exists (select 1 from tipline_captures t where t.report_id = r.id and ${textNames(sql`t.url || ' ' || coalesce(t.final_url, '') || ' ' || t.headers::text`, match)}))
          and (r.post_id is null or not (r.post_id = any(${sql.param(heldPostIds)}::bigint[])))`,
  );
  return rows.map((r) => Number(r.id));
}

const replaced = (column: SQL, match: PersonMatch) => sql`regexp_replace(${column}, ${match.pattern}, ${ERASED_MARK}, 'gi')`;

async function scrubAlerts(tx: Db, match: PersonMatch): Promise<number> {
  const alerts = await queryRows(
    tx,
    sql`update alerts a set payload = ${replaced(sql`a.payload::text`, match)}::jsonb, content = ${replaced(sql`a.content::text`, match)}::jsonb
        where ${textNames(sql`a.payload::text`, match)} or ${textNames(sql`coalesce(a.content::text, '')`, match)} returning a.id`,
  );
  await queryRows(
    tx,
    sql`update mail_outbox m set subject = ${replaced(sql`m.subject`, match)}, text = ${replaced(sql`m.text`, match)}, html = ${replaced(sql`m.html`, match)}
        where ${textNames(sql`m.subject || ' ' || m.text || ' ' || m.html`, match)}`,
  );
  await queryRows(tx, sql`update channel_outbox o set payload = ${replaced(sql`o.payload::text`, match)}::jsonb where ${textNames(sql`o.payload::text`, match)}`);
  return alerts.length;
}

/** Reviewers' missed-threat copies: the person's own posts go, others get the handle replaced where it stands. */
async function eraseMissedThreats(tx: Db, match: PersonMatch, own: number[]): Promise<number> {
  const removed = await queryRows(tx, sql`delete from threat_missed_posts m where m.post_id = any(${sql.param(own)}::bigint[]) returning m.id`);
  const scrubbed = await queryRows(
    tx,
    sql`update threat_missed_posts m set text = ${replaced(sql`m.text`, match)}, note = ${replaced(sql`m.note`, match)},
          url = case when ${textNames(sql`coalesce(m.url, '')`, match)} then null else m.url end
        where ${textNames(sql`m.text || ' ' || coalesce(m.url, '') || ' ' || coalesce(m.note, '')`, match)} returning m.id`,
  );
  return removed.length + scrubbed.length;
}

/** Other people's posts and case entries naming the handle: the name is replaced where it stands; held cases stay whole. */
async function scrubMentions(tx: Db, match: PersonMatch, now: Date): Promise<number> {
  const posts = await queryRows(
    tx,
    sql`update posts p set text = ${replaced(sql`p.text`, match)}, title = ${replaced(sql`p.title`, match)},
          url = case when ${textNames(sql`coalesce(p.url, '')`, match)} then null else p.url end,
          metadata = ${replaced(sql`p.metadata::text`, match)}::jsonb
        where (${textNames(sql`coalesce(p.title, '') || ' ' || p.text || ' ' || coalesce(p.url, '') || ' ' || p.metadata::text`, match)})
          and not exists (select 1 from threat_case_posts c join threat_cases k on k.id = c.case_id where c.post_id = p.id and ${HELD})
        returning p.id`,
  );
  await queryRows(
    tx,
    sql`update post_threats t set signals = ${replaced(sql`t.signals::text`, match)}::jsonb where ${textNames(sql`t.signals::text`, match)}
          and not exists (select 1 from threat_case_posts c join threat_cases k on k.id = c.case_id where c.post_id = t.post_id and ${HELD})`,
  );
  const entries = await queryRows<{ case_id: string | number }>(
    tx,
    sql`update threat_case_posts c set text = ${replaced(sql`c.text`, match)}, signals = ${replaced(sql`c.signals::text`, match)}::jsonb,
          url = case when ${textNames(sql`coalesce(c.url, '')`, match)} then null else c.url end
        from threat_cases k where k.id = c.case_id and not ${HELD}
          and ${textNames(sql`c.text || ' ' || coalesce(c.url, '') || ' ' || c.signals::text`, match)}
        returning c.case_id`,
  );
  for (const caseId of new Set(entries.map((e) => Number(e.case_id)))) {
    await queryRows(tx, sql`insert into threat_case_events (case_id, at, actor, action, details) values (${caseId}, ${now.toISOString()}::timestamptz, 'vaksam', 'erased-mention', '{}'::jsonb)`);
  }
  return posts.length + entries.length;
}

function keptForPolice(held: ReadonlyArray<{ case_id: string | number; police_ref: string | null }>): KeptForPolice[] {
  const byCase = new Map<number, KeptForPolice>();
  for (const e of held) {
    const id = Number(e.case_id);
    const entry = byCase.get(id) ?? { caseId: id, policeRef: e.police_ref ?? '', posts: 0 };
    entry.posts++;
    byCase.set(id, entry);
  }
  return [...byCase.values()].sort((a, b) => a.caseId - b.caseId);
}

/** The outcome in words, for the CLI and the admin page. */
export function describeErasure(outcome: EraseOutcome): string[] {
  const lines = [
    `removed ${outcome.postsRemoved} post(s); anonymised ${outcome.caseEntriesAnonymised} case entr(ies); scrubbed ${outcome.reportsScrubbed} staff report(s), ${outcome.mentionsScrubbed} mention(s) in other posts, ${outcome.alertsScrubbed} alert(s); deleted ${outcome.quarantineRemoved} quarantined item(s); erased or scrubbed ${outcome.missedThreatsErased} missed-threat cop(ies)`,
  ];
  for (const k of outcome.kept) {
    lines.push(`kept ${k.posts} entr(ies) in case ${k.caseId}: escalated to the police (reference ${k.policeRef}) and not released; they are erased when the case is released (\`vaksam threats release ${k.caseId}\`) and its retention period has passed, or by erasing again after release`);
  }
  return lines;
}
