/**
 * Agreement of parseFeed with public feed test suites, read by path (never copied into the repo).
 *
 *   node dist/test/eval/feeds-agreement.js <gofeed dir> [<feedparser dir>]
 *
 * gofeed (mmcdole/gofeed testdata): every input with an expected JSON (translator = universal model, parser =
 * format structs) is parsed and each field the expected JSON states is compared, as plain text for titles and
 * contents, as instants for dates, as normalised URLs for links. feedparser (kurtmckee/feedparser tests, with
 * INDEX.tsv): counts documents that parse, and checks the `Expect:` clauses that name fields we model.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeBody } from '../../src/fetch/index.js';
import { FeedUnparseableError, parseFeed, type ParsedFeed } from '../../src/sources/feed/index.js';
import { htmlToText } from '../../src/text/index.js';

type Json = Record<string, any>;

class Tally {
  private readonly fields = new Map<string, { ok: number; total: number; misses: string[] }>();

  check(field: string, file: string, expected: unknown, actual: unknown, same: (a: any, b: any) => boolean): void {
    if (expected === undefined || expected === null || expected === '') return;
    const entry = this.fields.get(field) ?? { ok: 0, total: 0, misses: [] };
    entry.total += 1;
    if (same(expected, actual)) entry.ok += 1;
    else if (entry.misses.length < 3) entry.misses.push(`${file}: expected ${JSON.stringify(expected)} got ${JSON.stringify(actual)}`);
    this.fields.set(field, entry);
  }

  print(title: string, verbose: boolean): void {
    let ok = 0;
    let total = 0;
    console.log(`\n${title}`);
    for (const [field, entry] of [...this.fields].sort()) {
      ok += entry.ok;
      total += entry.total;
      console.log(`  ${field.padEnd(22)} ${pct(entry.ok, entry.total)}  (${entry.ok}/${entry.total})`);
      if (verbose) for (const miss of entry.misses) console.log(`      ${miss}`);
    }
    console.log(`  ${'OVERALL'.padEnd(22)} ${pct(ok, total)}  (${ok}/${total})`);
  }
}

const stats = { files: 0, items: 0, chars: 0, parseMs: 0, threw: [] as string[], crashed: [] as string[] };

function pct(ok: number, total: number): string {
  return total === 0 ? '   n/a' : `${((100 * ok) / total).toFixed(1).padStart(5)}%`;
}

function timedParse(text: string, file: string, url?: string): ParsedFeed | null {
  stats.files += 1;
  stats.chars += text.length;
  const started = performance.now();
  try {
    const feed = parseFeed(text, url === undefined ? {} : { url });
    stats.parseMs += performance.now() - started;
    stats.items += feed.items.length;
    return feed;
  } catch (err) {
    stats.parseMs += performance.now() - started;
    (err instanceof FeedUnparseableError ? stats.threw : stats.crashed).push(`${file}: ${(err as Error).message}`);
    return null;
  }
}

const plain = (value: unknown): string => htmlToText(String(value ?? '')).text.replace(/\s+/g, ' ').trim();
/**
 * gofeed and feedparser keep markup in their values; ours are plain text already, so ours matches the expected
 * value as text or, where the format said the value is literal text, as written.
 */
const folded = (value: unknown): string => String(value ?? '').replace(/\s+/g, ' ').trim();
const sameText = (a: unknown, b: unknown): boolean => folded(b) === plain(a) || folded(b) === folded(a);
const sameUrl = (a: unknown, b: unknown): boolean => normalizeUrl(a) === normalizeUrl(b);
const sameInstant = (a: unknown, b: unknown): boolean => b instanceof Date && Date.parse(String(a)) === b.getTime();
const sameSet = (a: unknown, b: unknown): boolean => JSON.stringify([...(a as string[])].sort()) === JSON.stringify([...((b as string[]) ?? [])].sort());

function normalizeUrl(value: unknown): string {
  const text = String(value ?? '').trim();
  try {
    return new URL(text).href;
  } catch {
    return text;
  }
}

function listPairs(dir: string, expectedSuffix: string): Array<{ input: string; expected: string }> {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  const pairs: Array<{ input: string; expected: string }> = [];
  for (const name of names) {
    if (name.endsWith(expectedSuffix) || !/\.(xml|json)$/.test(name)) continue;
    const expected = name.replace(/\.(xml|json)$/, expectedSuffix);
    if (expected !== name && names.includes(expected)) pairs.push({ input: join(dir, name), expected: join(dir, expected) });
  }
  return pairs;
}

/** Files are fed through the same decoder the adapter uses, without an HTTP header. */
function readDocument(path: string, contentType: string | null = null): string {
  const bytes = readFileSync(path);
  return decodeBody(bytes, { contentType, kind: path.endsWith('.json') ? 'json' : 'xml' }).text;
}

function evalGofeedTranslator(root: string, tally: Tally): void {
  for (const format of ['rss', 'atom', 'json']) {
    const dir = join(root, 'translator', format);
    const suffix = format === 'json' ? '_expected.json' : '.json';
    for (const { input, expected } of listPairs(dir, suffix)) {
      const want = JSON.parse(readFileSync(expected, 'utf8')) as Json;
      const feed = timedParse(readDocument(input), input);
      if (feed === null) continue;
      const rdf = want.feedType === 'rss' && ['1.0', '0.9', '0.90'].includes(want.feedVersion);
      tally.check('kind', input, rdf ? 'rdf' : want.feedType, feed.kind, (a, b) => a === b);
      compareFeed(tally, input, { title: want.title, link: want.link, language: want.language }, feed);
      compareItems(tally, input, want.items, feed, (item: Json) => ({
        title: item.title,
        url: item.link,
        id: item.guid,
        published: item.publishedParsed,
        updated: item.updatedParsed,
        author: item.author?.name ?? item.author?.email,
        summary: item.description,
        text: item.content,
        categories: item.categories,
      }));
    }
  }
}

function evalGofeedParser(root: string, tally: Tally): void {
  for (const { input, expected } of [...listPairs(join(root, 'parser', 'rss'), '.json'), ...listPairs(join(root, 'parser', 'atom'), '.json')]) {
    const want = JSON.parse(readFileSync(expected, 'utf8')) as Json;
    const feed = timedParse(readDocument(input), input);
    if (feed === null) continue;
    if (want.entries) {
      compareFeed(tally, input, { title: want.title, link: atomAlternate(want.links), language: want.language }, feed);
      compareItems(tally, input, want.entries, feed, (entry: Json) => ({
        title: entry.title,
        url: atomAlternate(entry.links),
        id: entry.id,
        published: entry.publishedParsed,
        updated: entry.updatedParsed,
        author: entry.authors?.[0]?.name,
        summary: entry.summary,
        text: entry.content?.value,
      }));
    } else {
      compareFeed(tally, input, { title: want.title, link: want.link, language: want.language }, feed);
      compareItems(tally, input, want.items, feed, (item: Json) => ({
        title: item.title,
        url: item.link,
        id: item.guid?.value,
        published: item.pubDateParsed,
        summary: item.description,
        text: item.content,
      }));
    }
  }
}

function atomAlternate(links: Json[] | undefined): string | undefined {
  return links?.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href;
}

function compareFeed(tally: Tally, file: string, want: Json, feed: ParsedFeed): void {
  tally.check('feed.title', file, want.title, feed.title, sameText);
  tally.check('feed.link', file, want.link, feed.link, sameUrl);
  tally.check('feed.language', file, want.language, feed.language, (a, b) => a === b);
}

function compareItems(tally: Tally, file: string, wantItems: Json[] | undefined, feed: ParsedFeed, pick: (item: Json) => Json): void {
  if (!Array.isArray(wantItems)) return;
  tally.check('items.count', file, String(wantItems.length), String(feed.items.length), (a, b) => a === b);
  wantItems.forEach((wantItem, index) => {
    const want = pick(wantItem);
    const got = feed.items[index];
    tally.check('item.title', file, want.title, got?.title, sameText);
    tally.check('item.url', file, want.url, got?.url, sameUrl);
    tally.check('item.id', file, want.id, got?.id, (a, b) => String(a).trim() === b);
    tally.check('item.published', file, want.published, got?.published, sameInstant);
    tally.check('item.updated', file, want.updated, got?.updated, sameInstant);
    tally.check('item.author', file, want.author, got?.author, (a, b) => a === b);
    tally.check('item.summary', file, want.summary, got?.summary, sameText);
    tally.check('item.text', file, want.text, got?.text, sameText);
    tally.check('item.categories', file, want.categories, got?.categories, sameSet);
  });
}

/** feedparser: parse every indexed document, then check the Expect clauses that name modelled fields. */
function evalFeedparser(root: string, tally: Tally): { total: number; parsed: number } {
  const rows = readFileSync(join(root, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  let parsed = 0;
  for (const row of rows) {
    const [path = '', , expect = '', headers = ''] = row.split('\t');
    const file = join(root, 'tests', path);
    const contentType = /content-type:\s*([^\\]+?)(?:\\n|$)/i.exec(headers)?.[1] ?? null;
    // feedparser serves files whose name says "http" from this address; their relative links resolve against it.
    const url = path.includes('http') ? `http://127.0.0.1:8097/tests/${path}` : undefined;
    const feed = timedParse(readDocument(file, contentType), file, url);
    if (feed === null) continue;
    parsed += 1;
    for (const clause of splitClauses(expect)) checkClause(tally, file, clause, feed);
  }
  return { total: rows.length, parsed };
}

/** Splits a Python `a and b and c` expression at top-level `and`s, leaving string literals intact. */
function splitClauses(expression: string): string[] {
  const clauses: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < expression.length; i += 1) {
    const ch = expression[i]!;
    if (quote !== null) {
      current += ch;
      if (ch === '\\') current += expression[++i] ?? '';
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
    } else if (expression.startsWith(' and ', i)) {
      clauses.push(current.trim());
      current = '';
      i += 4;
    } else current += ch;
  }
  clauses.push(current.trim());
  return clauses;
}

const FEEDPARSER_FIELDS: Record<string, (feed: ParsedFeed, index: number) => unknown> = {
  "feed['title']": (f) => f.title,
  "feed['title_detail']['value']": (f) => f.title,
  "feed['link']": (f) => f.link,
  "feed['language']": (f) => f.language,
  "entries[N]['title']": (f, i) => f.items[i]?.title,
  "entries[N]['title_detail']['value']": (f, i) => f.items[i]?.title,
  "entries[N]['link']": (f, i) => f.items[i]?.url,
  "entries[N]['id']": (f, i) => f.items[i]?.id,
};

function checkClause(tally: Tally, file: string, clause: string, feed: ParsedFeed): void {
  const length = /^len\(entries\)\s*==\s*(\d+)$/.exec(clause);
  if (length) return tally.check('fp len(entries)', file, length[1], String(feed.items.length), (a, b) => a === b);
  const version = /^version\s*==\s*[ub]?(['"])(.*)\1$/.exec(clause);
  if (version) return tally.check('fp version', file, version[2], feedparserVersion(feed), (a, b) => b.startsWith(a) || a.startsWith(b));
  const m = /^(feed|entries\[(\d+)\])((?:\['[a-z_]+'\])+)\s*==\s*[ub]?(['"])(.*)\4$/.exec(clause);
  if (!m) return;
  const key = `${m[2] === undefined ? m[1] : 'entries[N]'}${m[3]}`;
  const read = FEEDPARSER_FIELDS[key];
  if (!read) return;
  const field = key.includes('link') ? sameUrl : key.endsWith("['id']") ? (a: unknown, b: unknown) => a === b : sameText;
  tally.check(`fp ${key}`, file, pythonString(m[5] ?? ''), read(feed, Number(m[2] ?? 0)) ?? null, field);
}

function feedparserVersion(feed: ParsedFeed): string {
  const digits = (feed.version ?? '').replace('.', '');
  if (feed.kind === 'rdf') return digits === '090' ? 'rss090' : 'rss10';
  if (feed.kind === 'atom') return `atom${digits}`;
  return feed.kind === 'rss' ? `rss${digits}` : 'json1';
}

function pythonString(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|.)/g, (_all, esc: string) => {
    if (/^[uUx]/.test(esc) && esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[esc] ?? esc;
  });
}

function main(): void {
  const [gofeedArg, feedparserArg] = process.argv.slice(2).filter((arg) => arg !== '--verbose');
  const verbose = process.argv.includes('--verbose');
  if (!gofeedArg) {
    console.error('usage: node dist/test/eval/feeds-agreement.js <gofeed dir> [<feedparser dir>] [--verbose]');
    process.exit(2);
  }
  const gofeed = statSync(join(gofeedArg, 'testdata'), { throwIfNoEntry: false })?.isDirectory() ? join(gofeedArg, 'testdata') : gofeedArg;
  const translator = new Tally();
  const parser = new Tally();
  evalGofeedTranslator(gofeed, translator);
  evalGofeedParser(gofeed, parser);
  translator.print('gofeed translator (universal model)', verbose);
  parser.print('gofeed parser (format structs)', verbose);
  if (feedparserArg) {
    const expect = new Tally();
    const { total, parsed } = evalFeedparser(feedparserArg, expect);
    console.log(`\nfeedparser: ${parsed}/${total} documents parsed without throwing`);
    expect.print('feedparser Expect clauses on modelled fields', verbose);
  }
  const seconds = stats.parseMs / 1000;
  console.log(
    `\nfiles ${stats.files}, items ${stats.items}, ${(stats.chars / 1e6).toFixed(2)} M chars, parse time ${stats.parseMs.toFixed(0)} ms: ` +
      `${Math.round(stats.items / seconds)} items/s, ${Math.round(stats.files / seconds)} files/s (corpus files are tiny; per-file cost dominates)`,
  );
  console.log(`threw FeedUnparseableError: ${stats.threw.length}; crashed (bugs): ${stats.crashed.length}`);
  for (const line of [...stats.threw, ...stats.crashed].slice(0, verbose ? 100 : 10)) console.log(`  ${line}`);
}

main();
