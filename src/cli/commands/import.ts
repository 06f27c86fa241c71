import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { IMPORT_FORMATS, isImportFormat } from '../../import/index.js';
import { importFile, type ImportFileSummary } from '../../pipeline/index.js';
import { isTimeZone } from '../../text/index.js';
import { println, printJson, type CliIo, UsageError } from '../io.js';
import { withApp } from '../with-app.js';

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('Stream an export of posts (X, Meta Content Library, TikTok, generic CSV/JSONL) into Vaksam')
    .requiredOption('--format <format>', `one of ${IMPORT_FORMATS.join(', ')}`)
    .argument('<file>')
    .option('--platform <name>', 'platform of rows that do not name one (csv/jsonl; instagram for a Meta Instagram export)')
    .option('--account <handle>', 'X archive: the handle of the account the archive belongs to')
    .option('--encoding <name>', 'file encoding if not UTF-8, e.g. windows-1256')
    .option('--time-zone <zone>', 'IANA zone of csv/jsonl/meta-csv dates written without one (default Europe/Stockholm)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { format: string; platform?: string; account?: string; encoding?: string; timeZone?: string; json?: boolean }) => {
      if (!isImportFormat(opts.format)) throw new UsageError(`unknown format '${opts.format}'; formats: ${IMPORT_FORMATS.join(', ')}`);
      if (opts.timeZone !== undefined && !isTimeZone(opts.timeZone)) throw new UsageError(`--time-zone '${opts.timeZone}' is not an IANA time zone such as Europe/Stockholm or Asia/Kolkata`);
      const size = (await stat(file).catch(() => null))?.size;
      if (size === undefined) throw new UsageError(`cannot read '${file}'`);
      const progress = progressPrinter(io, size);
      await withApp(io, 'optional', async (app) => {
        const summary = await importFile(
          { db: app.database.db, now: app.now, batchSize: app.config.collect.upsertBatchSize, enqueueClassify: async (ids) => app.queues?.enqueueClassify(ids) },
          file,
          opts.format as (typeof IMPORT_FORMATS)[number],
          { platform: opts.platform, accountHandle: opts.account, encoding: opts.encoding, timeZone: opts.timeZone, onProgress: progress },
        );
        progress(size, true);
        warnAboutText(io, summary, opts.encoding);
        if (opts.json) return printJson(io.stdout, summary);
        println(io.stdout, `${summary.rowsRead} row(s) read: ${summary.stored} stored, ${summary.updated} updated, ${summary.duplicates} duplicate(s), ${summary.rejected} rejected`);
        if (summary.retweets > 0) println(io.stdout, `  ${summary.retweets} retweet(s) stored as their original post, in its sharedBy list`);
        for (const r of summary.rejections) println(io.stdout, `  line ${r.line}: ${r.error}`);
        if (summary.rejectionsNotListed > 0) println(io.stdout, `  … and ${summary.rejectionsNotListed} more rejected row(s)`);
        if (!app.queues && summary.stored + summary.updated > 0) println(io.stderr, 'Redis not reachable: the new posts will be classified by the next running worker (sweep)');
      });
    });
}

/** What was changed in the text on the way in: bytes that were not UTF-8, characters PostgreSQL cannot store. */
function warnAboutText(io: CliIo, summary: ImportFileSummary, encoding: string | undefined): void {
  if (summary.undecodableBytes > 0) {
    println(
      io.stderr,
      `warning: ${summary.undecodableBytes} byte sequence(s) were not valid ${encoding ?? 'UTF-8'} and were stored as U+FFFD (\uFFFD). ` +
        (encoding === undefined
          ? 'If the file is not UTF-8, import it again with --encoding, e.g. --encoding latin1 or --encoding windows-1252 (the posts are updated in place).'
          : 'Check that --encoding names the file\'s encoding.'),
    );
  }
  if (summary.removedCodePoints > 0) {
    println(io.stderr, `warning: removed ${summary.removedCodePoints} character(s) PostgreSQL cannot store (NUL or unpaired surrogates)`);
  }
}

/** A percentage line on stderr at most once a second (rewritten in place on a terminal). */
function progressPrinter(io: CliIo, total: number) {
  let last = 0;
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  return (bytes: number, final = false) => {
    const now = Date.now();
    if (!final && now - last < 1000) return;
    last = now;
    const pct = total > 0 ? Math.min(100, Math.round((bytes / total) * 100)) : 100;
    const line = `importing: ${pct}% (${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB)`;
    io.stderr.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  };
}
