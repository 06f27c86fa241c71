/** Short keys for the namespaces feed parsing cares about. */
export type NamespaceKey =
  | 'rss'
  | 'atom'
  | 'atom03'
  | 'rdf'
  | 'dc'
  | 'dcterms'
  | 'content'
  | 'media'
  | 'itunes'
  | 'xhtml'
  | 'xml';

/** Namespace URIs, lower-cased and without a trailing "/" or "#". */
const NAMESPACE_URIS: ReadonlyMap<string, NamespaceKey> = new Map([
  ['http://purl.org/rss/1.0', 'rss'],
  ['http://my.netscape.com/rdf/simple/0.9', 'rss'],
  ['http://backend.userland.com/rss2', 'rss'],
  ['http://blogs.law.harvard.edu/tech/rss', 'rss'],
  ['http://www.w3.org/2005/atom', 'atom'],
  ['http://purl.org/atom/ns', 'atom03'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns', 'rdf'],
  ['http://purl.org/dc/elements/1.1', 'dc'],
  ['http://purl.org/dc/terms', 'dcterms'],
  ['http://purl.org/rss/1.0/modules/content', 'content'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://www.w3.org/xml/1998/namespace', 'xml'],
]);

const KNOWN_KEYS = new Set<string>(NAMESPACE_URIS.values());

/**
 * The key of a namespace URI; an unknown URI is returned as given (lower-cased) so it never
 * matches a known key.
 */
export function namespaceKey(uri: string): string {
  const normalised = uri.trim().toLowerCase().replace(/[/#]+$/, '');
  return NAMESPACE_URIS.get(normalised) ?? normalised;
}

/**
 * The key for a prefix nobody declared: feeds often write `dc:date` or `content:encoded` without the
 * xmlns declaration, and the conventional prefix is all there is to go on. Other prefixes get a key
 * that matches nothing.
 */
export function undeclaredPrefixKey(prefix: string): string {
  return KNOWN_KEYS.has(prefix) ? prefix : `?${prefix}`;
}

/** True for the namespace of the format's own elements: none, an unknown default one, or `core` itself. */
export function isCoreNamespace(ns: string, core: NamespaceKey): boolean {
  return ns === core || ns === '' || (!KNOWN_KEYS.has(ns) && !ns.startsWith('?'));
}
