import { mkdir, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { catalogueToYamlFiles, loadCatalogueDir, narrativeToYaml } from '../../catalogue/index.js';
import {
  diffLines,
  formatDiff,
  getNarrativeVersion,
  importCatalogue,
  listNarratives,
  loadAllNarratives,
  narrativeHistory,
  restoreNarrativeVersion,
} from '../../catalogue-store/index.js';
import { parseId, printJson, println, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';

export function registerCatalogue(program: Command, io: CliIo): void {
  const catalogue = program.command('catalogue').description('The narrative catalogue: import, export, inspect, diff and restore versions');
  const actor = () => `cli:${safeUser()}`;

  catalogue
    .command('import')
    .description('Load narrative YAML files (one per slug) into the database; each change becomes a new version')
    .argument('<dir>', 'folder of <slug>.yaml files, e.g. config/narratives')
    .option('--reason <text>', 'why, for the audit log', 'import')
    .action(async (dir: string, opts: { reason: string }) => {
      const loaded = await loadCatalogueDir(resolve(dir));
      await withApp(io, 'none', async (app) => {
        const outcomes = await importCatalogue(app.database.db, loaded, { actor: actor(), reason: opts.reason });
        for (const o of outcomes) println(io.stdout, `${o.slug}: ${o.changed ? `saved as version ${o.version}` : `unchanged (version ${o.version})`}`);
      });
    });

  catalogue
    .command('export')
    .description('Write the stored catalogue as YAML files (round-trips with import)')
    .argument('<dir>', 'output folder (created if missing)')
    .action(async (dir: string) => {
      await withApp(io, 'none', async (app) => {
        const files = catalogueToYamlFiles(await loadAllNarratives(app.database.db));
        await mkdir(dir, { recursive: true });
        for (const file of files) await writeFile(join(dir, file.fileName), file.text);
        println(io.stdout, `wrote ${files.length} narrative file(s) to ${dir}`);
      });
    });

  catalogue
    .command('list')
    .description('Narratives with their current version')
    .option('--json', 'one JSON object per narrative')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const rows = await listNarratives(app.database.db);
        if (rows.length === 0) println(io.stdout, 'the catalogue is empty: `vaksam catalogue import config/narratives`');
        for (const r of rows) {
          if (opts.json) printJson(io.stdout, r);
          else println(io.stdout, `${r.slug.padEnd(22)} v${String(r.version).padEnd(4)} ${r.enabled ? 'enabled ' : 'disabled'}  ${r.title}`);
        }
      });
    });

  catalogue
    .command('show')
    .description('Print a narrative (current or given version) as YAML')
    .argument('<slug>')
    .option('--version <n>', 'an older version')
    .action(async (slug: string, opts: { version?: string }) => {
      await withApp(io, 'none', async (app) => {
        const found = await getNarrativeVersion(app.database.db, slug, opts.version === undefined ? undefined : parseId(opts.version, '--version'));
        println(io.stdout, `# ${slug} version ${found.version}${found.current ? ' (current)' : ''}, by ${found.createdBy} at ${found.createdAt.toISOString()}: ${found.reason}`);
        io.stdout.write(narrativeToYaml(found.narrative));
      });
    });

  catalogue
    .command('history')
    .description('Every version of a narrative: who, when, why')
    .argument('<slug>')
    .action(async (slug: string) => {
      await withApp(io, 'none', async (app) => {
        for (const v of await narrativeHistory(app.database.db, slug)) {
          println(io.stdout, `v${v.version}${v.current ? '*' : ' '} ${v.createdAt.toISOString()}  ${v.createdBy}  ${v.reason}`);
        }
      });
    });

  catalogue
    .command('diff')
    .description('Differences between two versions of a narrative (default: the one before the current, and the current)')
    .argument('<slug>')
    .argument('[from]', 'older version number')
    .argument('[to]', 'newer version number (default: current)')
    .action(async (slug: string, from?: string, to?: string) => {
      await withApp(io, 'none', async (app) => {
        const newer = await getNarrativeVersion(app.database.db, slug, to === undefined ? undefined : parseId(to, 'to'));
        const olderVersion = from === undefined ? Math.max(1, newer.version - 1) : parseId(from, 'from');
        const older = await getNarrativeVersion(app.database.db, slug, olderVersion);
        println(io.stdout, `--- ${slug} v${older.version}\n+++ ${slug} v${newer.version}`);
        io.stdout.write(formatDiff(diffLines(narrativeToYaml(older.narrative), narrativeToYaml(newer.narrative))));
      });
    });

  catalogue
    .command('restore')
    .description('Make an old version current again (saved as a new version; history is kept)')
    .argument('<slug>')
    .argument('<version>')
    .option('--reason <text>', 'why, for the audit log', 'restored from the CLI')
    .action(async (slug: string, version: string, opts: { reason: string }) => {
      await withApp(io, 'none', async (app) => {
        const outcome = await restoreNarrativeVersion(app.database.db, slug, parseId(version, 'version'), { actor: actor(), reason: opts.reason });
        println(io.stdout, `${slug}: version ${version} restored as version ${outcome.version}`);
      });
    });
}


function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
