/** One share of a stored original (a boost, a retweet): the share's own id, who shared it and when. */
export interface Share {
  id: string;
  by: string | null;
  /** ISO 8601 instant of the share, or null when the payload does not say. */
  at: string | null;
}

/**
 * Metadata of an original stored for one of its shares: `sharedBy` lists it and `shareCount` counts it. The store
 * merges the lists of later shares of the same original by share id (upsertPosts), so each counts once.
 */
export function shareMetadata(share: Share): { sharedBy: Share[]; shareCount: number } {
  return { sharedBy: [share], shareCount: 1 };
}
