import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { htmlToText } from '../../text/index.js';
import { isBoilerplate, NOISE_SELECTOR } from './boilerplate.js';
import { readReadableContent } from './readability.js';

/** A text whose longest line is shorter than this is a form or a menu, not an article. */
const MIN_PARAGRAPH_CHARS = 25;

export interface MainContent {
  /** HTML of the content (Readability's pick, or the page's landmark element); null when the page has no article. */
  html: string | null;
  /** Its plain text without boilerplate, paragraphs separated by "\n\n"; '' when there is no article. */
  text: string;
  warnings: string[];
}

export interface MainContentOptions {
  /** Time limit for Readability on this page (default READABILITY_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * The page's main text. Mozilla's Readability picks it: it beat our own paragraph-density heuristic on Readability's
 * public test pages, where teasers, comment threads and player or promotion blocks were taken for the article. When
 * it gives up (over its bounds) or finds only a form or a menu, the largest <article>, else <main>, is used.
 */
export async function findMainContent($: CheerioAPI, html: string, url: string, options: MainContentOptions = {}): Promise<MainContent> {
  const readable = await readReadableContent(html, { noiseSelector: NOISE_SELECTOR, timeoutMs: options.timeoutMs });
  const warnings: string[] = [];
  if (readable.ok) {
    const text = contentText(readable.html, url);
    if (isArticleText(text)) return { html: readable.html, text, warnings };
  } else {
    warnings.push(`main text of ${url}: Readability ${readable.reason}; the page's <article> or <main> was used`);
  }
  const landmark = findLandmark($);
  if (landmark === null) return { html: null, text: '', warnings };
  const landmarkHtml = $.html(landmark);
  return { html: landmarkHtml, text: contentText(landmarkHtml, url), warnings };
}

/** Plain text of content HTML without its boilerplate, relative links resolved against `url`. */
function contentText(html: string, url: string): string {
  return htmlToText(html, url, { skipElement: isBoilerplate }).text;
}

function isArticleText(text: string): boolean {
  return text.split('\n').some((line) => line.trim().length >= MIN_PARAGRAPH_CHARS);
}

/** The largest <article>, else <main> or role=main with text. */
function findLandmark($: CheerioAPI): Cheerio<Element> | null {
  let best: Cheerio<Element> | null = null;
  let bestLength = 0;
  for (const element of $('article').toArray()) {
    const length = textLength($(element));
    if (length > bestLength) {
      best = $(element);
      bestLength = length;
    }
  }
  if (best !== null) return best;
  const main = $('main, [role="main"]').first();
  return main.length > 0 && textLength(main) > 0 ? main : null;
}

function textLength(node: Cheerio<Element>): number {
  return node.text().replace(/\s+/g, ' ').trim().length;
}
