import { load, type CheerioAPI } from 'cheerio';
import { exceedsNestingDepth, MAX_HTML_DEPTH } from '../../text/index.js';

/**
 * Loads a page for CSS selection with htmlparser2 (linear and tolerant; parse5 is quadratic on deep nesting),
 * or returns null when the page nests deeper than MAX_HTML_DEPTH: tree walks would overflow the stack there,
 * and no real page does it.
 */
export function loadHtml(html: string): CheerioAPI | null {
  if (exceedsNestingDepth(html)) return null;
  return load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } });
}

export const TOO_DEEP_WARNING = `page nests elements deeper than ${MAX_HTML_DEPTH} levels; its structure was not analysed`;
