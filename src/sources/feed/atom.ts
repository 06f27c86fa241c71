import { isUtf8 } from 'node:buffer';
import { htmlToText, oneLine, resolveUrlLeniently } from '../../text/index.js';
import { ItemCollector, languageTag } from './item-collector.js';
import { isCoreNamespace } from './namespaces.js';
import { pushEnclosure } from './enclosures.js';
import type { FeedEnclosure, ParsedFeed } from './types.js';
import { attr, childNamed, childrenNamed, firstText, hasElementChildren, innerMarkup, isElement, textOf, type NsTest } from './xml-query.js';
import type { XmlElement } from './xml-tree.js';

const core: NsTest = (ns) => isCoreNamespace(ns, 'atom') || ns === 'atom03';
const dc: NsTest = (ns) => ns === 'dc';

/** Maps Atom 1.0 (RFC 4287) and Atom 0.3 into the feed model. */
export function mapAtom(root: XmlElement, documentUrl: string | null, timeZone: string): ParsedFeed {
  const rootBase = root.base ?? documentUrl;
  const link = alternateLink(root, rootBase);
  const feedAuthor = personName(childNamed(root, 'author', core));
  const collector = new ItemCollector(timeZone);
  for (const entry of childrenNamed(root, 'entry', core)) {
    const base = entry.base ?? link ?? documentUrl;
    const contentElement = childrenNamed(entry, 'content', core).find((c) => attr(c, 'src') === null);
    const summaryElement = childNamed(entry, 'summary', core);
    collector.add({
      guid: entryId(entry, base),
      url: alternateLink(entry, base),
      title: titleOf(childNamed(entry, 'title', core)),
      author: personName(childNamed(entry, 'author', core)) ?? firstText(entry, [[dc, 'creator']]) ?? feedAuthor,
      publishedRaw: firstText(entry, [[core, 'published'], [core, 'issued'], [core, 'created'], [dc, 'date']]),
      updatedRaw: firstText(entry, [[core, 'updated'], [core, 'modified']]),
      summary: summaryElement ? atomText(summaryElement, base) : null,
      content: contentElement ? atomText(contentElement, base) : null,
      language: entry.attrs.get('xml:lang')?.trim() || null,
      categories: categories(entry),
      enclosures: enclosures(entry, base),
    });
  }
  return {
    kind: 'atom',
    version: root.ns === 'atom03' || attr(root, 'version') === '0.3' ? '0.3' : '1.0',
    title: titleOf(childNamed(root, 'title', core)),
    link,
    language: languageTag(root.lang),
    items: collector.items,
    warnings: collector.warnings(),
  };
}

/**
 * Plain text of an Atom text construct: type text/html/xhtml (1.0) or a MIME type plus
 * mode xml/escaped/base64 (0.3).
 */
export function atomText(element: XmlElement, base: string | null): string {
  const type = (attr(element, 'type') ?? 'text').trim().toLowerCase();
  const encoded = textOf(element);
  const base64 = (attr(element, 'mode')?.trim().toLowerCase() === 'base64' || isBase64Type(type)) && BASE64.test(encoded);
  const raw = base64 ? decodeBase64Text(encoded, type) : encoded;
  const isXhtml = type === 'xhtml' || type.includes('xhtml');
  if (!base64 && (isXhtml || hasElementChildren(element))) return htmlToText(innerMarkup(element), base ?? undefined).text;
  if (type === 'html' || type.includes('html')) return htmlToText(raw, base ?? undefined).text;
  return raw.trim();
}

const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/** RFC 4287 §4.1.3.3: a MIME type that is neither text nor XML means the content is base64. */
function isBase64Type(type: string): boolean {
  return type.includes('/') && !type.startsWith('text/') && !/[/+]xml$/.test(type);
}

/**
 * Base64 that decodes to UTF-8 is text. Otherwise a media type (video, image...) is a binary payload and no
 * text to analyse, while anything else was plain text that merely looked like base64 ("test").
 */
function decodeBase64Text(encoded: string, type: string): string {
  const bytes = Buffer.from(encoded, 'base64');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return /^(image|audio|video)\/|^application\/octet-stream$/.test(type) ? '' : encoded;
}

function titleOf(element: XmlElement | undefined): string | null {
  if (!element) return null;
  return oneLine(atomText(element, element.base));
}

/** The rel="alternate" link (rel defaults to alternate), preferring an HTML one. */
function alternateLink(parent: XmlElement, base: string | null): string | null {
  const alternates = childrenNamed(parent, 'link', core).filter((link) => (attr(link, 'rel') ?? 'alternate').trim() === 'alternate' && attr(link, 'href'));
  const preferred = alternates.find((link) => /html/i.test(attr(link, 'type') ?? 'text/html')) ?? alternates[0];
  return preferred ? resolveUrlLeniently(attr(preferred, 'href'), preferred.base ?? base) : null;
}

/** Atom ids are IRIs; a relative one (rare, but both gofeed and feedparser resolve it) is resolved against xml:base. */
function entryId(entry: XmlElement, base: string | null): string | null {
  const id = firstText(entry, [[core, 'id']]);
  if (id === null || /^[a-z][a-z0-9+.-]*:/i.test(id) || (entry.base === null && base === null)) return id;
  return resolveUrlLeniently(id, childNamed(entry, 'id', core)?.base ?? base) ?? id;
}

function personName(person: XmlElement | undefined): string | null {
  if (!person) return null;
  return firstText(person, [[core, 'name'], [core, 'email']]) ?? oneLine(textOf(person));
}

function categories(entry: XmlElement): string[] {
  const found: string[] = [];
  for (const node of entry.children) {
    if (!isElement(node)) continue;
    if (node.local === 'category' && core(node.ns)) found.push(attr(node, 'label') ?? attr(node, 'term') ?? textOf(node));
    else if (node.local === 'subject' && dc(node.ns)) found.push(textOf(node));
  }
  return found;
}

function enclosures(entry: XmlElement, base: string | null): FeedEnclosure[] {
  const found: FeedEnclosure[] = [];
  for (const link of childrenNamed(entry, 'link', core)) {
    if (attr(link, 'rel')?.trim() === 'enclosure') pushEnclosure(found, attr(link, 'href'), attr(link, 'type'), attr(link, 'length'), link.base ?? base);
  }
  return found;
}
