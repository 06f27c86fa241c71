export type FeedKind = 'rss' | 'atom' | 'rdf' | 'json';

/** What `vaksam parse` can be given: a feed, or an HTML page. */
export type DocumentKind = FeedKind | 'html';

export interface FeedEnclosure {
  url: string;
  type: string | null;
  /** Size in bytes as the feed states it, or null. */
  length: number | null;
}

export interface FeedItem {
  /** guid / Atom id / JSON Feed id, else the link, else a hash of title, date and content. Never empty. */
  id: string;
  url: string | null;
  title: string | null;
  author: string | null;
  published: Date | null;
  /** The date string as the feed wrote it, kept because parsing may have guessed (no zone, two-digit year). */
  publishedRaw: string | null;
  updated: Date | null;
  /** Plain text of the item's summary/description, or null. */
  summary: string | null;
  /** Plain text of the fullest content the item has (content:encoded, Atom content, description...). */
  text: string;
  /** The item's own language (xml:lang, dc:language, JSON Feed language), or null. */
  language: string | null;
  categories: string[];
  enclosures: FeedEnclosure[];
}

export interface ParsedFeed {
  kind: FeedKind;
  /** Format version as declared or inferred: "2.0", "0.91", "1.0", "0.3", "1.1"..., or null. */
  version: string | null;
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
  /** Problems that did not stop parsing (malformed XML recovered, DTD ignored, dates not understood...). */
  warnings: string[];
}

/** A feed or an HTML page in the feed model; web pages use kind 'html'. */
export interface ParsedDocument extends Omit<ParsedFeed, 'kind'> {
  kind: DocumentKind;
}

export interface ParseFeedOptions {
  /** Where the document came from: the last base for relative links. */
  url?: string;
  /** IANA zone of dates written without a zone (the source's configured zone); default UTC. */
  timeZone?: string;
}
