import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { fetchRuns, posts, threatCaseEvents, threatCasePosts, threatCases, type FetchExchange, type ThreatCaseStatus } from '../db/schema/index.js';
import { levelRank, maxLevel, type ThreatLevel } from '../threats/index.js';
import { sha256, type ThreatRow } from './assess-posts.js';
import { findNearCopyCase, rememberCaseText } from './near-copies.js';
import { threatGroupKey, threatKeyText } from './group-key.js';

/** Who the system's own case events are by. */
export const SYSTEM_ACTOR = 'vaksam';

export interface CaseChange {
  caseId: number;
  postId: number;
  /** created: a new case; joined: a repost/quote joined an existing one; edited: a filed post changed. */
  change: 'created' | 'joined' | 'edited';
  level: ThreatLevel;
}

type PostFacts = { id: number; platform: string; url: string | null; authorHandle: string | null; publishedAt: Date | null; fetchedAt: Date; fetchRunId: number | null };

/**
 * Files posts at medium or above as cases, inside the caller's transaction. A post already filed with the same
 * content changes nothing (a re-delivered batch is harmless); an edited post updates its snapshot; a new post joins
 * the case of the same text (group key) or opens one. A dismissed case whose level rises is reopened.
 */
export async function fileCases(tx: Db, rows: readonly ThreatRow[], now: Date): Promise<CaseChange[]> {
  if (rows.length === 0) return [];
  const facts = await postFacts(tx, rows.map((r) => r.postId));
  const exchanges = await runExchanges(tx, [...facts.values()].map((f) => f.fetchRunId));
  const changes: CaseChange[] = [];
  for (const row of [...rows].sort((a, b) => a.postId - b.postId)) {
    const post = facts.get(row.postId);
    if (post === undefined) continue;
    const snapshot = {
      level: row.assessment.level,
      categories: row.assessment.categories,
      signals: row.assessment.signals,
      rules: row.assessment.rules,
      rulesVersion: row.rulesVersion,
      text: row.text,
      textSha256: sha256(row.text),
      contentHash: row.contentHash,
      modelScore: row.opinion?.score ?? null,
      modelVersion: row.opinion?.modelVersion ?? null,
      suggested: row.opinion?.suggested === true,
    };
    const [filed] = await tx.select().from(threatCasePosts).where(eq(threatCasePosts.postId, row.postId));
    if (filed !== undefined) {
      if (filed.contentHash === row.contentHash) continue;
      await tx.update(threatCasePosts).set({ ...snapshot, addedAt: now }).where(eq(threatCasePosts.id, filed.id));
      await raiseCase(tx, filed.caseId, row, now, { action: 'post-edited', details: { postId: row.postId, from: filed.level, to: row.assessment.level } });
      changes.push({ caseId: filed.caseId, postId: row.postId, change: 'edited', level: row.assessment.level });
      continue;
    }
    const keyText = threatKeyText(row.text, row.assessment.signals);
    const groupKey = threatGroupKey(row.text, row.assessment.signals);
    const [exact] = await tx.select({ id: threatCases.id }).from(threatCases).where(eq(threatCases.groupKey, groupKey));
    const nearCopy = exact === undefined ? await findNearCopyCase(tx, keyText) : null;
    let created = false;
    let caseId: number;
    if (exact !== undefined || nearCopy !== null) caseId = exact?.id ?? (nearCopy as number);
    else {
      const inserted = await tx
        .insert(threatCases)
        .values({
          groupKey,
          level: row.assessment.level,
          categories: row.assessment.categories,
          origin: snapshot.suggested ? 'model' : 'rules',
          modelScore: snapshot.modelScore,
          createdAt: now,
          updatedAt: now,
          statusChangedAt: now,
        })
        .onConflictDoNothing({ target: threatCases.groupKey })
        .returning({ id: threatCases.id });
      created = inserted.length > 0;
      const [target] = await tx.select({ id: threatCases.id }).from(threatCases).where(eq(threatCases.groupKey, groupKey));
      caseId = (target as { id: number }).id;
      if (created) await rememberCaseText(tx, caseId, keyText);
    }
    await tx.insert(threatCasePosts).values({
      caseId,
      postId: row.postId,
      ...snapshot,
      platform: post.platform,
      url: post.url,
      authorHandle: post.authorHandle,
      publishedAt: post.publishedAt,
      fetchedAt: post.fetchedAt,
      fetchRunId: post.fetchRunId,
      exchanges: post.fetchRunId === null ? [] : (exchanges.get(post.fetchRunId) ?? []),
      addedAt: now,
    });
    await tx.update(threatCases).set({ postCount: sql`${threatCases.postCount} + 1`, lastPostAt: now }).where(eq(threatCases.id, caseId));
    const suggestion = snapshot.suggested ? { suggestedBy: snapshot.modelVersion, score: snapshot.modelScore } : {};
    await raiseCase(tx, caseId, row, now, { action: created ? 'created' : 'post-added', details: { postId: row.postId, level: row.assessment.level, ...suggestion } });
    changes.push({ caseId, postId: row.postId, change: created ? 'created' : 'joined', level: row.assessment.level });
  }
  return changes;
}

/**
 * Records the event, raises the case's level and categories, and reopens a dismissed case whose level rose. A post
 * the rules raised makes the case a rules case for good; the case keeps the highest model score of its posts.
 */
async function raiseCase(tx: Db, caseId: number, row: ThreatRow, now: Date, event: { action: string; details: Record<string, unknown> }): Promise<void> {
  const [current] = await tx.select().from(threatCases).where(eq(threatCases.id, caseId)).for('update');
  const c = current as typeof threatCases.$inferSelect;
  const level = maxLevel(c.level, row.assessment.level);
  const categories = [...new Set([...c.categories, ...row.assessment.categories])];
  const reopen = c.status === 'dismissed' && levelRank(row.assessment.level) > levelRank(c.level);
  const status: ThreatCaseStatus = reopen ? 'new' : c.status;
  const origin = row.opinion?.suggested === true ? c.origin : 'rules';
  const score = row.opinion?.score ?? null;
  const modelScore = c.modelScore === null ? score : score === null ? c.modelScore : Math.max(c.modelScore, score);
  await tx
    .update(threatCases)
    .set({ level, categories, origin, modelScore, updatedAt: now, status, ...(reopen ? { statusChangedAt: now, verdict: null, verdictLevel: null } : {}) })
    .where(eq(threatCases.id, caseId));
  await tx.insert(threatCaseEvents).values({ caseId, at: now, actor: SYSTEM_ACTOR, action: event.action, details: event.details });
  if (reopen) {
    await tx.insert(threatCaseEvents).values({ caseId, at: now, actor: SYSTEM_ACTOR, action: 'status', fromStatus: 'dismissed', toStatus: 'new', note: `reopened: a post raised the level to ${level}` });
  }
}

async function postFacts(tx: Db, ids: readonly number[]): Promise<Map<number, PostFacts>> {
  const rows = await tx
    .select({ id: posts.id, platform: posts.platform, url: posts.url, authorHandle: posts.authorHandle, publishedAt: posts.publishedAt, fetchedAt: posts.fetchedAt, fetchRunId: posts.fetchRunId })
    .from(posts)
    .where(inArray(posts.id, [...ids]));
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), fetchRunId: r.fetchRunId === null ? null : Number(r.fetchRunId) }]));
}

async function runExchanges(tx: Db, runIds: ReadonlyArray<number | null>): Promise<Map<number, FetchExchange[]>> {
  const ids = [...new Set(runIds.filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: fetchRuns.id, exchanges: fetchRuns.exchanges }).from(fetchRuns).where(inArray(fetchRuns.id, ids));
  return new Map(rows.map((r) => [Number(r.id), r.exchanges]));
}
