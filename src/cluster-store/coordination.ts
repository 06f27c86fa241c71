import { detectCoordination, sharedLinks, type CoordinationNetwork, type CoordinationSettings, type ShareEvent } from '../clusters/index.js';
import type { Db } from '../db/index.js';
import { shareRows, type ShareRow } from '../db/queries/index.js';

/** Posts read per look (with their shares): bounds a page view or a digest over a busy week. */
const MAX_POSTS = 50_000;

export interface CoordinationQuery {
  from: Date;
  to: Date;
  /** One narrative, or every post. */
  slug: string | null;
  /** e.g. 'spreading' for a surge; null for every stance. */
  stance: string | null;
}

/** The share events of the stored posts: one per link the post carries and one for its text's cluster. */
export function shareEvents(rows: readonly ShareRow[]): ShareEvent[] {
  const events: ShareEvent[] = [];
  const links = new Map<number, string[]>();
  for (const row of rows) {
    const at = Date.parse(row.at);
    if (row.clusterId !== null) events.push({ postId: row.postId, account: row.account, key: `cluster:${row.clusterId}`, at });
    let postLinks = links.get(row.postId);
    if (postLinks === undefined) links.set(row.postId, (postLinks = sharedLinks(row.text)));
    for (const link of postLinks) events.push({ postId: row.postId, account: row.account, key: `url:${link}`, at });
  }
  return events;
}

/** Coordination networks among the posts (and boosts/retweets) of a period. */
export async function findCoordination(db: Db, q: CoordinationQuery, settings: CoordinationSettings): Promise<CoordinationNetwork[]> {
  const rows = await shareRows(db, { ...q, limit: MAX_POSTS });
  return detectCoordination(shareEvents(rows), settings);
}
