import { Parser } from 'htmlparser2';
import { MAX_HTML_DEPTH } from './html-to-text.js';

class DepthExceeded extends Error {}

/**
 * True when the HTML nests elements deeper than `maxDepth`. DOM builders (cheerio/parse5) and recursive tree
 * walks are slow or overflow the stack on such pages, so callers check first. Stops reading at the first
 * element too deep, so a hostile page costs little.
 */
export function exceedsNestingDepth(html: string, maxDepth: number = MAX_HTML_DEPTH): boolean {
  let depth = 0;
  const parser = new Parser({
    onopentag() {
      depth += 1;
      if (depth > maxDepth) throw new DepthExceeded();
    },
    onclosetag() {
      depth -= 1;
    },
  });
  try {
    parser.end(html);
    return false;
  } catch (err) {
    if (err instanceof DepthExceeded) return true;
    throw err;
  }
}
