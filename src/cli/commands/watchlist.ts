import type { Command } from 'commander';
import { type App } from '../../app/index.js';
import { addWatchlistEntry, listWatchlist, loadWatchlistKey, removeWatchlistEntry, WatchlistKeyError, type WatchlistKey } from '../../threat-cases/index.js';
import { WATCHLIST_KINDS, type WatchlistKind } from '../../threats/index.js';
import { parseId, printJson, println, UsageError, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';
import { cliActor } from './cli-actor.js';

export function registerWatchlist(program: Command, io: CliIo): void {
  const watchlist = program
    .command('watchlist')
    .description('Staff names, aliases and office addresses to recognise in posts (doxxing); stored sealed, shown masked');

  watchlist
    .command('add')
    .description('Add a name, alias or office address; without VALUE, reads one per line from stdin (keeps names out of shell history)')
    .argument('[value]')
    .option('--kind <kind>', `${WATCHLIST_KINDS.join(' or ')}`, 'name')
    .option('--by <name>', 'who adds it (default: cli:<os user>)')
    .action(async (value: string | undefined, opts: { kind: string; by?: string }) => {
      const kind = parseKind(opts.kind);
      const values = value === undefined ? await readLines(io) : [value];
      if (values.length === 0) throw new UsageError('nothing to add: give a VALUE or one value per line on stdin');
      await withApp(io, 'none', async (app) => {
        const key = await watchlistKey(app, true);
        for (const v of values) {
          const added = await addWatchlistEntry(app.database.db, key, { kind, value: v, actor: opts.by ?? cliActor() });
          println(io.stdout, `added ${added.kind} ${added.id}: ${added.masked}`);
        }
      });
    });

  watchlist
    .command('list')
    .description('Entries with masked values (L*** B***)')
    .option('--json', 'one JSON object per entry')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const rows = await listWatchlist(app.database.db, await watchlistKey(app, false));
        if (rows.length === 0) println(io.stdout, 'the watchlist is empty: `vaksam watchlist add` (a value per line on stdin)');
        for (const r of rows) {
          if (opts.json) printJson(io.stdout, r);
          else println(io.stdout, `${String(r.id).padEnd(5)} ${r.kind.padEnd(8)} ${r.masked.padEnd(24)} ${r.createdAt.toISOString()}  ${r.createdBy}`);
        }
      });
    });

  watchlist
    .command('remove')
    .description('Delete an entry for good')
    .argument('<id>')
    .option('--by <name>', 'who removes it (default: cli:<os user>)')
    .action(async (id: string, opts: { by?: string }) => {
      await withApp(io, 'none', async (app) => {
        await removeWatchlistEntry(app.database.db, parseId(id), opts.by ?? cliActor());
        println(io.stdout, `removed watchlist entry ${id}`);
      });
    });
}

async function watchlistKey(app: App, create: boolean): Promise<WatchlistKey> {
  const key = await loadWatchlistKey(app.config.threats, app.config.database.dataDir, { create });
  if (key === null) throw new WatchlistKeyError('no watchlist key: set VAKSAM_WATCHLIST_KEY (32 bytes, base64) or add an entry first to create the key file');
  return key;
}

function parseKind(raw: string): WatchlistKind {
  if (!(WATCHLIST_KINDS as readonly string[]).includes(raw)) throw new UsageError(`--kind must be one of ${WATCHLIST_KINDS.join(', ')}; got '${raw}'`);
  return raw as WatchlistKind;
}

async function readLines(io: CliIo): Promise<string[]> {
  let text = '';
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
