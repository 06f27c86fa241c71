import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { htmlToText } from '../../text/index.js';

/** Parts of a page, even inside an article, that are never article text. */
const BOILERPLATE = [
  'nav', 'aside', 'footer', 'form', 'button', 'script', 'style', 'noscript', 'template', 'iframe', 'svg',
  '[role="navigation"]', '[role="complementary"]', '[role="search"]', '[aria-hidden="true"]', '[hidden]',
  '.breadcrumb', '.breadcrumbs', '.share', '.social', '.cookie', '.cookies', '.skip-link',
].join(', ');

/** Blocks shorter than this are not paragraphs worth scoring (menus, buttons, captions). */
const MIN_PARAGRAPH_CHARS = 25;

/**
 * The element holding the page's main text: the largest <article>, else <main> or role=main, else the block
 * with the most paragraph text once link-heavy text is discounted (the Readability idea, much simplified).
 */
export function findMainContent($: CheerioAPI): Cheerio<Element> | null {
  const article = largest($, $('article').toArray());
  if (article) return article;
  const main = $('main, [role="main"]').first();
  if (main.length > 0 && textLength($, main) > 0) return main;
  return densestBlock($);
}

/** Plain text of a content element without its boilerplate, relative links resolved against `url`. */
export function contentText($: CheerioAPI, content: Cheerio<Element>, url: string): string {
  const clone = content.clone();
  clone.find(BOILERPLATE).remove();
  return htmlToText($.html(clone), url).text;
}

function largest($: CheerioAPI, elements: Element[]): Cheerio<Element> | null {
  let best: Cheerio<Element> | null = null;
  let bestLength = 0;
  for (const element of elements) {
    const length = textLength($, $(element));
    if (length > bestLength) {
      best = $(element);
      bestLength = length;
    }
  }
  return best;
}

function densestBlock($: CheerioAPI): Cheerio<Element> | null {
  const scores = new Map<Element, number>();
  for (const paragraph of $('body p, body pre, body blockquote, body li, body td').toArray()) {
    const node = $(paragraph);
    const length = textLength($, node);
    if (length < MIN_PARAGRAPH_CHARS) continue;
    const score = length * (1 - linkDensity($, node, length));
    const parent = paragraph.parent?.type === 'tag' ? (paragraph.parent as Element) : null;
    if (parent === null) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grandparent = parent.parent?.type === 'tag' ? (parent.parent as Element) : null;
    if (grandparent !== null) scores.set(grandparent, (scores.get(grandparent) ?? 0) + score / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best === null ? null : $(best);
}

function textLength($: CheerioAPI, node: Cheerio<Element>): number {
  return node.text().replace(/\s+/g, ' ').trim().length;
}

function linkDensity($: CheerioAPI, node: Cheerio<Element>, length: number): number {
  if (length === 0) return 0;
  const linked = node
    .find('a')
    .toArray()
    .reduce((sum, link) => sum + textLength($, $(link)), 0);
  return Math.min(1, linked / length);
}
