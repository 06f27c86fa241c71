import type { Command } from 'commander';
import { collectDeps, openApp } from '../../app/index.js';
import { getSource, listSources, type SourceRow } from '../../db/queries/index.js';
import { collectSource, processRunOwner, SourceNotFoundError, type CollectSummary } from '../../pipeline/index.js';
import { commandContext, parseId, printJson, println, type CliIo, UsageError } from '../io.js';

export function registerCollect(program: Command, io: CliIo): void {
  program
    .command('collect')
    .description('Collect sources now, in this process, then exit (no scheduler)')
    .option('--once', 'one pass over the sources (the only mode; required for clarity)')
    .option('--source <id>', 'only this source')
    .option('--json', 'print one JSON summary per source on stdout')
    .action(async (opts: { once?: boolean; source?: string; json?: boolean }) => {
      if (!opts.once) throw new UsageError('collect needs --once (scheduled collection is `vaksam start`)');
      const { config, log, command } = commandContext(io);
      const app = await openApp(config, log, { redis: 'required', migrate: true, command });
      try {
        const targets = await pickSources(app.database.db, opts.source);
        const summaries = await runPass(targets, config.collect.concurrency, io, (s) => collectSource(collectDeps(app), s.id, processRunOwner()));
        const failed = summaries.filter((s) => s.status === 'failed').length;
        if (opts.json) for (const s of summaries) printJson(io.stdout, withoutError(s));
        else println(io.stdout, totals(summaries));
        if (failed > 0 && targets.length === 1) throw summaries[0]!.error;
      } finally {
        await app.close();
      }
    });
}

async function pickSources(db: Parameters<typeof listSources>[0], rawId: string | undefined): Promise<SourceRow[]> {
  if (rawId === undefined) return (await listSources(db)).filter((s) => s.enabled);
  const id = parseId(rawId, '--source');
  const row = await getSource(db, id);
  if (!row) throw new SourceNotFoundError(id);
  return [row];
}

/** Runs sources a few at a time, printing one progress line per finished source on stderr. */
async function runPass(
  sources: SourceRow[],
  concurrency: number,
  io: CliIo,
  run: (source: SourceRow) => Promise<CollectSummary>,
): Promise<CollectSummary[]> {
  const results: CollectSummary[] = [];
  let next = 0;
  let stopping = false;
  void io.stopSignal.then(() => {
    stopping = true;
    println(io.stderr, 'stopping after the running sources finish…');
  });
  const lane = async () => {
    while (!stopping && next < sources.length) {
      const source = sources[next++]!;
      const summary = await run(source);
      results.push(summary);
      println(io.stderr, `[${results.length}/${sources.length}] ${source.name}: ${describe(summary)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, lane));
  return results;
}

function describe(s: CollectSummary): string {
  if (s.status === 'skipped') return `skipped (${s.skippedReason})`;
  if (s.status === 'failed') return `FAILED: ${s.error instanceof Error ? s.error.message : String(s.error)}`;
  if (s.status === 'not_modified') return `not modified (${s.durationMs} ms)`;
  const q = s.itemsQuarantined > 0 ? `, ${s.itemsQuarantined} quarantined` : '';
  return `${s.itemsSeen} seen, ${s.itemsNew} new, ${s.itemsUpdated} updated${q} (${s.durationMs} ms)`;
}

function totals(all: CollectSummary[]): string {
  const sum = (f: (s: CollectSummary) => number) => all.reduce((n, s) => n + f(s), 0);
  const failed = all.filter((s) => s.status === 'failed').length;
  return `${all.length} source(s): ${sum((s) => s.itemsNew)} new, ${sum((s) => s.itemsUpdated)} updated, ${failed} failed`;
}

function withoutError(s: CollectSummary) {
  const { error, ...rest } = s;
  return { ...rest, error: error === undefined ? null : error instanceof Error ? error.message : String(error) };
}
