import { mapAtom } from './atom.js';
import { kindOfRoot } from './detect.js';
import { FeedUnparseableError } from './errors.js';
import { parseJsonFeed } from './json-feed.js';
import { mapRss } from './rss.js';
import type { ParsedFeed, ParseFeedOptions } from './types.js';
import { parseXml } from './xml-tree.js';

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 into one model. Malformed documents are parsed as
 * far as they go, with warnings; DTD entities are never expanded. Throws FeedUnparseableError only when the
 * document is not a feed at all.
 */
export function parseFeed(text: string, opts: ParseFeedOptions = {}): ParsedFeed {
  const source = text.replace(/^[\ufeff\s]+/, '');
  const url = opts.url ?? null;
  const timeZone = opts.timeZone ?? 'UTC';
  if (source === '') throw new FeedUnparseableError(`not a feed${where(url)}: the document is empty`);
  if (source.startsWith('{') || source.startsWith('[')) return parseJsonFeed(source, url, timeZone);
  const { root, warnings } = parseXml(source, url ?? undefined);
  if (root === null) {
    throw new FeedUnparseableError(`not a feed${where(url)}: no XML element found; expected <rss>, <rdf:RDF>, <feed> or a JSON Feed`);
  }
  const kind = kindOfRoot(root.local);
  if (kind !== 'rss' && kind !== 'rdf' && kind !== 'atom') {
    const name = (root.prefix ? `${root.prefix}:${root.local}` : root.local).replace(/[^\p{L}\p{N}:._-]/gu, '').slice(0, 40);
    throw new FeedUnparseableError(`not a feed${where(url)}: root element <${name}>; expected <rss>, <rdf:RDF>, <feed> or a JSON Feed`, {
      details: { rootElement: name },
    });
  }
  const feed = kind === 'atom' ? mapAtom(root, url, timeZone) : mapRss(root, kind, url, timeZone);
  return { ...feed, warnings: [...warnings, ...feed.warnings] };
}

function where(url: string | null): string {
  return url === null ? '' : ` (${url})`;
}
