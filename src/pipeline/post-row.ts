import type { PostRow } from '../db/queries/index.js';
import type { CollectedItem } from '../sources/index.js';
import { storableJson, storableText } from '../text/index.js';
import { contentHash } from './content-hash.js';

/**
 * The one boundary every post passes on its way into the database, from collectors and imports alike: strings lose
 * the code points PostgreSQL refuses (one NUL would otherwise fail the whole batch, every retry) and the content hash
 * is taken of what is stored. `removed` counts the code points dropped, for the run's evidence.
 */
export function toPostRow(item: CollectedItem): { row: PostRow; removed: number } {
  let removed = 0;
  const clean = (value: string): string => {
    const result = storableText(value);
    removed += result.removed;
    return result.text;
  };
  const cleanOrNull = (value: string | null) => (value === null ? null : clean(value));
  const metadata = storableJson(item.metadata);
  removed += metadata.removed;
  const stored = {
    externalId: clean(item.externalId),
    url: cleanOrNull(item.url),
    authorHandle: cleanOrNull(item.authorHandle),
    title: cleanOrNull(item.title),
    text: clean(item.text),
    language: cleanOrNull(item.language),
    publishedAt: item.publishedAt,
    metadata: metadata.value as Record<string, unknown>,
  };
  return { row: { ...stored, contentHash: contentHash(stored) }, removed };
}
