import { Parser } from 'htmlparser2';
import { splitDoctype } from './doctype.js';
import type { DocumentKind } from './types.js';

/** The root element is always near the start; looking further only costs time on large pages. */
const SNIFF_CHARS = 64 * 1024;

/**
 * What kind of document `text` is, from its first significant character and its root element name:
 * 'json' for a JSON object, 'rss' for <rss> or a bare <channel>, 'rdf' for <rdf:RDF>, 'atom' for <feed>,
 * and 'html' for anything else (a web page, or a document that is not a feed).
 */
export function detectDocumentKind(text: string): DocumentKind {
  const start = text.replace(/^[\ufeff\s]+/, '').slice(0, SNIFF_CHARS);
  if (start.startsWith('{')) return 'json';
  if (!start.startsWith('<')) return 'html';
  return kindOfRoot(firstElementName(start));
}

/** Maps a root element's local name (lower-case) to a feed kind, or 'html' when it is no feed root. */
export function kindOfRoot(localName: string | null): DocumentKind {
  switch (localName) {
    case 'rss':
    case 'channel':
      return 'rss';
    case 'rdf':
      return 'rdf';
    case 'feed':
      return 'atom';
    default:
      return 'html';
  }
}

function firstElementName(text: string): string | null {
  let name: string | null = null;
  const parser = new Parser(
    {
      onopentag(tag) {
        if (name !== null) return;
        const lowered = tag.toLowerCase();
        name = lowered.slice(lowered.indexOf(':') + 1);
        parser.pause();
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(splitDoctype(text).text);
  return name;
}
