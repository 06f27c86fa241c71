import { createHash } from 'node:crypto';

/** Identifies a version of an item: an edit of url, title or text changes it, a re-fetch does not. */
export function contentHash(item: { url: string | null; title: string | null; text: string }): string {
  return createHash('sha256')
    .update(item.url ?? '')
    .update('\u0000')
    .update(item.title ?? '')
    .update('\u0000')
    .update(item.text)
    .digest('hex');
}
