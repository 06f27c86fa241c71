import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog, posts, postThreats, threatCasePosts, threatMissedPosts } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { detectLanguage } from '../language/index.js';
import { levelRank, type ThreatLevel } from '../threats/index.js';
import { assessedText } from './assess-posts.js';

export class MissedPostError extends VaksamError {
  constructor(message: string, details: Record<string, unknown>) {
    super('THREAT_MISSED_INVALID', message, { details });
  }
}

export interface MissedMark {
  postId: number;
  /** The level the reviewer says the post has: medium, high or critical. */
  level: ThreatLevel;
  note?: string;
  actor: string;
}

export interface MissedPost {
  id: number;
  postId: number | null;
  level: ThreatLevel;
  /** What the rules said (none when they stored nothing) and the model's score when the post was filed with one. */
  ruleLevel: ThreatLevel;
  modelScore: number | null;
  language: string | null;
  platform: string;
  url: string | null;
  note: string | null;
  markedBy: string;
  markedAt: Date;
  /** The post's text; only for those who may read threats (left out otherwise). */
  text?: string;
}

const NOTE_MAX = 2000;

/**
 * Marks a stored post as a threat the rules and the model missed: one row per post (marking again updates the level
 * and note), with a snapshot of its text for retraining, in the audit log by post id and level (never the text).
 * The model score is the one stored when the post was filed, else `score` (the model in force) when given.
 */
export async function markMissedPost(db: Db, mark: MissedMark, now: Date, score?: (text: string, lang: string | undefined) => number): Promise<MissedPost> {
  if (levelRank(mark.level) < levelRank('medium')) throw new MissedPostError(`a missed threat is medium, high or critical, not ${mark.level}`, { postId: mark.postId });
  if (mark.note !== undefined && mark.note.length > NOTE_MAX) throw new MissedPostError(`the note has ${mark.note.length} characters; at most ${NOTE_MAX}`, { postId: mark.postId });
  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, url: posts.url, ruleLevel: postThreats.level, modelScore: threatCasePosts.modelScore })
      .from(posts)
      .leftJoin(postThreats, eq(postThreats.postId, posts.id))
      .leftJoin(threatCasePosts, eq(threatCasePosts.postId, posts.id))
      .where(eq(posts.id, mark.postId));
    if (post === undefined) throw new VaksamError('NOT_FOUND', `no post ${mark.postId}; find its id on the posts page`, { details: { postId: mark.postId } });
    const text = assessedText(post);
    const language = post.language ?? detectLanguage(text);
    const values = {
      postId: mark.postId,
      level: mark.level,
      ruleLevel: post.ruleLevel ?? ('none' as const),
      modelScore: post.modelScore ?? (score === undefined ? null : Math.round(score(text, language) * 1000) / 1000),
      text,
      // A post not classified yet has no language; retraining needs one.
      language,
      platform: post.platform,
      url: post.url,
      note: mark.note ?? null,
      markedBy: mark.actor,
      markedAt: now,
    };
    const [row] = await tx
      .insert(threatMissedPosts)
      .values(values)
      .onConflictDoUpdate({ target: threatMissedPosts.postId, set: { level: values.level, ruleLevel: values.ruleLevel, modelScore: values.modelScore, text: values.text, note: values.note, markedBy: values.markedBy, markedAt: values.markedAt } })
      .returning();
    await tx.insert(auditLog).values({ at: now, actor: mark.actor, action: 'threat-missed.mark', subject: `post:${mark.postId}`, details: { level: mark.level, ruleLevel: values.ruleLevel } });
    return toMissed(row as typeof threatMissedPosts.$inferSelect, true);
  });
}

/** Missed posts, newest first; `withText` only for readers allowed to see threat posts. */
export async function listMissedPosts(db: Db, options: { withText: boolean; limit?: number }): Promise<MissedPost[]> {
  const rows = await db.select().from(threatMissedPosts).orderBy(desc(threatMissedPosts.markedAt), desc(threatMissedPosts.id)).limit(options.limit ?? 1000);
  return rows.map((r) => toMissed(r, options.withText));
}

export async function countMissedPosts(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<string>`count(*)` }).from(threatMissedPosts);
  return Number(row?.n ?? 0);
}

/** Gold labels of the threat evaluation set for a reviewer's level (test/eval/sets, `threat` field). */
const GOLD: Partial<Record<ThreatLevel, string>> = { medium: 'mobilization', high: 'threat', critical: 'critical' };

/**
 * Missed posts as JSON lines in the threat set's format (`id`, `lang`, `text`, `threat`, `family`, `note`), ready to
 * be labelled into the training data of `npm run train`.
 */
export function missedPostsJsonl(rows: readonly MissedPost[]): string {
  return rows
    .filter((r) => r.text !== undefined && r.text.length > 0)
    .map((r) => `${JSON.stringify({ id: `missed-${r.id}`, lang: r.language ?? 'und', text: r.text, threat: GOLD[r.level] ?? 'threat', family: 'reviewer-missed', note: `rules ${r.ruleLevel}${r.modelScore === null ? '' : `, model ${r.modelScore}`}` })}\n`)
    .join('');
}

function toMissed(r: typeof threatMissedPosts.$inferSelect, withText: boolean): MissedPost {
  const { text, ...rest } = r;
  return { ...rest, ...(withText ? { text } : {}) };
}
