import type { Command } from 'commander';
import { sourceAdminDeps, type App } from '../../app/index.js';
import { getSource, listSources, recentFetchRuns, type SourceRow } from '../../db/queries/index.js';
import { addSource, pauseSource, removeSource, resumeSource, SourceNotFoundError, testSource } from '../../pipeline/index.js';
import { collectSchedulerId } from '../../queue/index.js';
import { parseId, printJson, println, type CliIo, UsageError } from '../io.js';
import { withApp } from '../with-app.js';
import { formatSourceTable, formatSourceDetail } from './sources-format.js';

export function registerSources(program: Command, io: CliIo): void {
  const sources = program.command('sources').description('Manage the feeds, pages, channels and timelines Vaksam collects');

  sources
    .command('add')
    .description('Add a source and schedule it')
    .argument('<kind>', 'source kind (feed, web, mastodon, bluesky, telegram, reddit, youtube)')
    .argument('<url>', 'the URL of the feed, page, instance or channel')
    .option('--name <name>', 'a name to recognise it by (default: kind and URL)')
    .option('--every <minutes>', 'how often to collect, in minutes')
    .option('--config <json>', 'kind-specific settings as JSON (see README: source kinds)')
    .option('--json', 'print the stored source as JSON')
    .action(async (kind: string, url: string, opts: { name?: string; every?: string; config?: string; json?: boolean }) => {
      await withApp(io, 'optional', async (app) => {
        const row = await addSource(sourceAdminDeps(app), {
          kind,
          url,
          name: opts.name,
          everyMinutes: opts.every === undefined ? undefined : parseId(opts.every, '--every'),
          config: parseConfigJson(opts.config),
        });
        if (opts.json) printJson(io.stdout, row);
        else println(io.stdout, `added source ${row.id} (${row.kind}) "${row.name}", every ${row.everyMinutes} min`);
      });
    });

  sources
    .command('list')
    .description('List sources with health, last success, last error and next run')
    .option('--json', 'one JSON object per source')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'optional', async (app) => {
        const rows = await listSources(app.database.db);
        const nextRuns = await nextRunTimes(app, rows);
        if (opts.json) {
          for (const row of rows) printJson(io.stdout, { ...row, nextRunAt: nextRuns.get(row.id) ?? null });
        } else {
          io.stdout.write(formatSourceTable(rows, nextRuns, app.now()));
        }
      });
    });

  sources
    .command('show')
    .description('Show one source: config, cursor, health and its recent runs')
    .argument('<id>')
    .option('--json', 'print as JSON')
    .action(async (rawId: string, opts: { json?: boolean }) => {
      const id = parseId(rawId);
      await withApp(io, 'optional', async (app) => {
        const row = await getSource(app.database.db, id);
        if (!row) throw new SourceNotFoundError(id);
        const runs = await recentFetchRuns(app.database.db, id, 10);
        const nextRun = (await nextRunTimes(app, [row])).get(id) ?? null;
        if (opts.json) printJson(io.stdout, { ...row, nextRunAt: nextRun, runs });
        else io.stdout.write(formatSourceDetail(row, runs, nextRun));
      });
    });

  sources
    .command('test')
    .description('Fetch and parse a source now without storing anything, and show a sample')
    .argument('<id>')
    .option('--limit <n>', 'items to show', '5')
    .option('--json', 'print the items as JSON lines')
    .action(async (rawId: string, opts: { limit: string; json?: boolean }) => {
      const id = parseId(rawId);
      const limit = parseId(opts.limit, '--limit');
      await withApp(io, 'optional', async (app) => {
        const result = await testSource({ ...app, db: app.database.db, jobTimeoutMs: app.config.collect.jobTimeoutMs }, id);
        const sample = result.items.slice(0, limit);
        if (opts.json) {
          for (const item of sample) printJson(io.stdout, item);
          return;
        }
        println(io.stdout, `dry run of source ${id}: HTTP ${result.httpStatus ?? '-'}, ${result.items.length} item(s), ${result.quarantined.length} quarantined, ${result.bytes} bytes${result.notModified ? ', not modified' : ''}`);
        for (const w of result.warnings.slice(0, 10)) println(io.stdout, `  warning: ${w}`);
        for (const item of sample) {
          println(io.stdout, `- ${item.publishedAt?.toISOString() ?? 'undated'}  ${item.title ?? '(no title)'}`);
          println(io.stdout, `  ${item.url ?? item.externalId}`);
          println(io.stdout, `  ${excerpt(item.text, 160)}`);
        }
      });
    });

  for (const [name, description, action] of [
    ['pause', 'Stop collecting a source (keeps its posts) and remove its schedule', pauseSource],
    ['resume', 'Collect a paused source again', resumeSource],
  ] as const) {
    sources
      .command(name)
      .description(description)
      .argument('<id>')
      .action(async (rawId: string) => {
        const id = parseId(rawId);
        await withApp(io, 'optional', async (app) => {
          const row = await action(sourceAdminDeps(app), id);
          println(io.stdout, `source ${row.id} "${row.name}" is ${row.enabled ? 'enabled' : 'paused'}`);
        });
      });
  }

  sources
    .command('remove')
    .description('Delete a source, its schedule and everything collected from it')
    .argument('<id>')
    .option('--yes', 'confirm deleting the source and its posts')
    .action(async (rawId: string, opts: { yes?: boolean }) => {
      const id = parseId(rawId);
      if (!opts.yes) throw new UsageError(`removing source ${id} deletes its posts too; add --yes to confirm (or use \`sources pause ${id}\`)`);
      await withApp(io, 'optional', async (app) => {
        await removeSource(sourceAdminDeps(app), id);
        println(io.stdout, `source ${id} removed`);
      });
    });
}


function parseConfigJson(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`--config is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('--config must be a JSON object');
  return value as Record<string, unknown>;
}

async function nextRunTimes(app: App, rows: SourceRow[]): Promise<Map<number, Date>> {
  const next = new Map<number, Date>();
  if (!app.queues) return next;
  const wanted = new Map(rows.map((r) => [collectSchedulerId(r.id), r.id]));
  for (const scheduler of await app.queues.collect.getJobSchedulers(0, -1)) {
    const id = wanted.get(scheduler.key);
    if (id !== undefined && scheduler.next) next.set(id, new Date(scheduler.next));
  }
  return next;
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
