import { resolveUrlLeniently } from '../../text/index.js';
import { ItemCollector, languageTag, type RawItem } from './item-collector.js';
import { isCoreNamespace } from './namespaces.js';
import { pushEnclosure } from './enclosures.js';
import type { FeedEnclosure, ParsedFeed } from './types.js';
import { attr, childNamed, childrenNamed, firstText, htmlContentText, isElement, textOf, titleText, type NsTest } from './xml-query.js';
import type { XmlElement } from './xml-tree.js';

const core: NsTest = (ns) => isCoreNamespace(ns, 'rss');
const dc: NsTest = (ns) => ns === 'dc';
const dcterms: NsTest = (ns) => ns === 'dcterms';
const atom: NsTest = (ns) => ns === 'atom' || ns === 'atom03';
const content: NsTest = (ns) => ns === 'content';
const media: NsTest = (ns) => ns === 'media';
const itunes: NsTest = (ns) => ns === 'itunes';

/** Maps RSS 0.9x/2.0 (root <rss> or a bare <channel>) and RSS 0.90/1.0 (root <rdf:RDF>) into the feed model. */
export function mapRss(root: XmlElement, kind: 'rss' | 'rdf', documentUrl: string | null, timeZone: string): ParsedFeed {
  const channel = root.local === 'channel' ? root : childNamed(root, 'channel', core);
  const warnings: string[] = [];
  if (!channel) warnings.push(`<${root.local}> has no <channel>: feed title and link unknown`);
  const head = channel ?? root;
  const link = channelLink(head, documentUrl);
  const itemBase = link ?? documentUrl;
  const collector = new ItemCollector(timeZone);
  for (const item of feedItems(root, channel)) collector.add(readItem(item, itemBase));
  return {
    kind,
    version: kind === 'rss' ? rssVersion(root) : rdfVersion(root),
    title: titleText(childNamed(head, 'title', core) ?? childNamed(head, 'title', dc), head.base ?? documentUrl),
    link,
    language: languageTag(firstText(head, [[core, 'language'], [dc, 'language']]) ?? head.lang),
    items: collector.items,
    warnings: [...warnings, ...collector.warnings()],
  };
}

/** RSS 2.0 nests items in the channel; RSS 0.90/1.0 puts them beside it. Some feeds mix the two. */
function feedItems(root: XmlElement, channel: XmlElement | undefined): XmlElement[] {
  const inChannel = channel ? childrenNamed(channel, 'item', core) : [];
  const beside = root === channel ? [] : childrenNamed(root, 'item', core);
  return inChannel.length === 0 ? beside : beside.length === 0 ? inChannel : [...inChannel, ...beside];
}

function channelLink(head: XmlElement, documentUrl: string | null): string | null {
  const base = head.base ?? documentUrl;
  const text = firstText(head, [[core, 'link']]);
  if (text !== null) return resolveUrlLeniently(text, base);
  return alternateAtomLink(head, base);
}

function alternateAtomLink(parent: XmlElement, base: string | null): string | null {
  for (const link of childrenNamed(parent, 'link', atom)) {
    const rel = attr(link, 'rel') ?? 'alternate';
    const href = attr(link, 'href');
    if (rel === 'alternate' && href) return resolveUrlLeniently(href, link.base ?? base);
  }
  return null;
}

function readItem(item: XmlElement, feedBase: string | null): RawItem {
  const base = item.base ?? feedBase;
  const guidElement = childNamed(item, 'guid', core);
  const guid = guidElement ? textOf(guidElement).trim() || null : null;
  const about = attr(item, 'about');
  const body = childNamed(item, 'encoded', content) ?? childNamed(item, 'content', atom);
  const description =
    childNamed(item, 'description', core) ??
    childNamed(item, 'description', dc) ??
    childNamed(item, 'summary', itunes) ??
    childNamed(item, 'summary', atom);
  return {
    guid: guid ?? about,
    url: itemLink(item, base, guidElement, guid),
    title: titleText(childNamed(item, 'title', core) ?? childNamed(item, 'title', dc) ?? childNamed(item, 'title', media), base),
    author: itemAuthor(item),
    publishedRaw: firstText(item, [[core, 'pubdate'], [dc, 'date'], [atom, 'published'], [dcterms, 'issued'], [dcterms, 'created'], [atom, 'issued']]),
    updatedRaw: firstText(item, [[atom, 'updated'], [dcterms, 'modified'], [atom, 'modified'], [dc, 'date']]),
    summary: description ? htmlContentText(description, base) : null,
    content: body ? htmlContentText(body, base) : null,
    language: firstText(item, [[dc, 'language']]) ?? (item.attrs.get('xml:lang')?.trim() || null),
    categories: itemCategories(item),
    enclosures: itemEnclosures(item, base),
  };
}

/** <link>, else an Atom alternate link, else a guid that is a permalink (RSS 2.0: isPermaLink defaults to true). */
function itemLink(item: XmlElement, base: string | null, guidElement: XmlElement | undefined, guid: string | null): string | null {
  const text = firstText(item, [[core, 'link']]);
  if (text !== null) return resolveUrlLeniently(text, base);
  const alternate = alternateAtomLink(item, base);
  if (alternate !== null) return alternate;
  if (guidElement && guid && attr(guidElement, 'ispermalink')?.trim().toLowerCase() !== 'false' && /^https?:\/\//i.test(guid)) {
    return resolveUrlLeniently(guid, base);
  }
  return null;
}

function itemAuthor(item: XmlElement): string | null {
  const plain = firstText(item, [[core, 'author'], [dc, 'creator'], [dc, 'author'], [itunes, 'author']]);
  if (plain !== null) return plain;
  const person = childNamed(item, 'author', atom);
  return person ? firstText(person, [[atom, 'name'], [atom, 'email']]) : null;
}

function itemCategories(item: XmlElement): string[] {
  const categories: string[] = [];
  for (const node of item.children) {
    if (!isElement(node)) continue;
    if (node.local === 'category' && core(node.ns)) categories.push(textOf(node));
    else if (node.local === 'subject' && dc(node.ns)) categories.push(textOf(node));
    else if (node.local === 'category' && atom(node.ns)) categories.push(attr(node, 'label') ?? attr(node, 'term') ?? textOf(node));
    else if (node.local === 'keywords' && itunes(node.ns)) categories.push(...textOf(node).split(','));
  }
  return categories;
}

function itemEnclosures(item: XmlElement, base: string | null): FeedEnclosure[] {
  const enclosures: FeedEnclosure[] = [];
  for (const node of item.children) {
    if (!isElement(node)) continue;
    if (node.local === 'enclosure' && core(node.ns)) {
      pushEnclosure(enclosures, attr(node, 'url'), attr(node, 'type'), attr(node, 'length'), base);
    } else if (node.local === 'content' && media(node.ns)) {
      pushEnclosure(enclosures, attr(node, 'url'), attr(node, 'type'), attr(node, 'filesize'), base);
    } else if (node.local === 'group' && media(node.ns)) {
      for (const part of childrenNamed(node, 'content', media)) {
        pushEnclosure(enclosures, attr(part, 'url'), attr(part, 'type'), attr(part, 'filesize'), base);
      }
    } else if (node.local === 'link' && atom(node.ns) && attr(node, 'rel') === 'enclosure') {
      pushEnclosure(enclosures, attr(node, 'href'), attr(node, 'type'), attr(node, 'length'), base);
    }
  }
  return enclosures;
}

function rssVersion(root: XmlElement): string | null {
  return attr(root, 'version')?.trim() || null;
}

function rdfVersion(root: XmlElement): string {
  const declaresNetscape = [...root.attrs.values()].some((value) => value.includes('my.netscape.com/rdf/simple/0.9'));
  return declaresNetscape ? '0.90' : '1.0';
}
