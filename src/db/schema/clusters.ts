import { bigint, bigserial, customType, index, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { posts } from './collect.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes: shingle sets travel as little-endian int32 arrays, far cheaper to move and read than int4[]. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Near-duplicate clusters of posts (issue 18). The face is the first post seen; `shingles` are the face's word-pair
 * shingle hashes (sorted int32, little-endian), kept when the face itself is deleted so later copies still compare with the same text.
 * A trigger on cluster_posts (migration cluster_triggers) moves the face to the next member when the face's post is
 * deleted and deletes the cluster with its last member.
 */
export const postClusters = pgTable(
  'post_clusters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    facePostId: bigint('face_post_id', { mode: 'number' }),
    shingles: bytea('shingles').notNull(),
    firstSeenAt: tz('first_seen_at').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('post_clusters_face_idx').on(t.facePostId)],
);

/** Which cluster each post (in its current version: `contentHash`) belongs to. */
export const clusterPosts = pgTable(
  'cluster_posts',
  {
    postId: bigint('post_id', { mode: 'number' })
      .primaryKey()
      .references(() => posts.id, { onDelete: 'cascade' }),
    clusterId: bigint('cluster_id', { mode: 'number' })
      .notNull()
      .references(() => postClusters.id, { onDelete: 'cascade' }),
    /** Jaccard similarity to the face when the post joined (1 for the face). */
    similarity: real('similarity').notNull(),
    contentHash: text('content_hash').notNull(),
    /** When the post appeared (published, never later than fetched): orders the members and picks the next face. */
    seenAt: tz('seen_at').notNull(),
    assignedAt: tz('assigned_at').notNull(),
  },
  (t) => [index('cluster_posts_cluster_idx').on(t.clusterId, t.seenAt)],
);
