import { resolveUrlLeniently } from '../../text/index.js';
import type { FeedEnclosure } from './types.js';

/** Adds an enclosure with its URL resolved, skipping ones without a usable URL and repeats of the same URL. */
export function pushEnclosure(
  enclosures: FeedEnclosure[],
  href: string | null,
  type: string | null,
  length: string | null,
  base: string | null,
): void {
  const url = resolveUrlLeniently(href, base);
  if (url === null || enclosures.some((e) => e.url === url)) return;
  const bytes = length?.trim() ? Number(length.trim()) : NaN;
  enclosures.push({ url, type: type?.trim() || null, length: Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null });
}
