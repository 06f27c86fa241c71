import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { decodeBody } from '../../fetch/index.js';
import { detectDocumentKind, parseFeed, toParseJson, type ParsedDocument } from '../../sources/feed/index.js';
import { DEFAULT_SOURCE_TIME_ZONE } from '../../sources/index.js';
import { parseHtmlDocument } from '../../sources/web/index.js';
import { isTimeZone } from '../../text/index.js';
import { printJson, println, type CliIo, UsageError } from '../io.js';

/** Same cap as a fetched body: `parse` is for saved feeds and pages, not arbitrary dumps. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function registerParse(program: Command, io: CliIo): void {
  program
    .command('parse')
    .description('Parse a saved feed or web page offline and print the normalised result (how to debug a source)')
    .argument('<file>', 'an RSS/RDF/Atom/JSON Feed document or an HTML page')
    .option('--url <url>', 'the address it was fetched from, for resolving relative links')
    .option('--json', 'print one JSON object (the default output is a short summary)')
    .option('--warnings', 'also print parser warnings on stderr')
    .option('--time-zone <zone>', 'IANA zone of dates written without one, as a source\'s timeZone', DEFAULT_SOURCE_TIME_ZONE)
    .action(async (file: string, opts: { url?: string; json?: boolean; warnings?: boolean; timeZone: string }) => {
      if (!isTimeZone(opts.timeZone)) throw new UsageError(`--time-zone '${opts.timeZone}' is not an IANA time zone such as Europe/Stockholm`);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new UsageError(`cannot read '${file}': no such file`);
      if (info.size > MAX_FILE_BYTES) throw new UsageError(`'${file}' is ${info.size} bytes; parse reads at most ${MAX_FILE_BYTES}`);
      // Without --url, relative links resolve against the file itself, as a browser opening it would.
      const document = await parseDocument(await readFile(file), opts.url ?? pathToFileURL(resolve(file)).href, opts.timeZone);
      if (opts.warnings) for (const w of document.warnings) println(io.stderr, `warning: ${w}`);
      if (opts.json) return printJson(io.stdout, toParseJson(document));
      println(io.stdout, `${document.kind}${document.version ? ` ${document.version}` : ''}: ${document.title ?? '(no title)'} — ${document.items.length} item(s), ${document.warnings.length} warning(s)`);
      for (const item of document.items.slice(0, 10)) {
        println(io.stdout, `- ${item.published?.toISOString() ?? 'undated'}  ${item.title ?? '(no title)'}  ${item.url ?? ''}`);
      }
    });
}

/** Decodes like the collector does (BOM, XML declaration, meta charset) and picks the parser by content. */
export async function parseDocument(bytes: Buffer, url: string, timeZone: string = DEFAULT_SOURCE_TIME_ZONE): Promise<ParsedDocument> {
  const sniff = bytes.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^[\s\u00ef\u00bb\u00bf]+/, '');
  const kind = sniff.startsWith('{') ? 'json' : /^<\?xml|^<(rss|feed|rdf:RDF|channel)\b/i.test(sniff) ? 'xml' : 'html';
  const { text, warnings } = decodeBody(bytes, { contentType: null, kind });
  const documentKind = detectDocumentKind(text);
  const parsed: ParsedDocument = documentKind === 'html' ? await parseHtmlDocument(text, url, { timeZone }) : parseFeed(text, { url, timeZone });
  return { ...parsed, warnings: [...warnings, ...parsed.warnings] };
}
