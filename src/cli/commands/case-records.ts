import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportCaseRecord } from '../../records/index.js';
import { releaseCase, setSecrecyMarking } from '../../threat-cases/index.js';
import { parseId, println, UsageError, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';
import { cliActor } from './cli-actor.js';

/** `threats record`, `threats secrecy`, `threats release`: the case as a public record and its end (issue 20). */
export function registerCaseRecords(threats: Command, io: CliIo): void {
  threats
    .command('record')
    .description('Write the case for registration (diarieföring): case-<id>-record.pdf and case-<id>-record.json with decisions, police reference, evidence hashes and secrecy marking')
    .argument('<id>')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--by <name>', 'who exports (default: cli:<os user>)')
    .action(async (id: string, opts: { out: string; by?: string }) => {
      await withApp(io, 'none', async (app) => {
        const settings = app.config.privacy;
        const written = await exportCaseRecord(app.database.db, parseId(id), resolve(opts.out), {
          actor: opts.by ?? cliActor(),
          now: app.now(),
          defaultMarking: settings.secrecyMarking,
          fontFile: settings.recordFontFile,
        });
        println(io.stdout, `${written.record.caseNumber}  secrecy: ${written.record.secrecyMarking ?? 'none'}\n${written.pdfPath}\n${written.jsonPath}\nSHA-256 pdf ${written.pdfSha256}\nSHA-256 json ${written.jsonSha256}`);
      });
    });

  threats
    .command('secrecy')
    .description('Set the secrecy marking (OSL) the case record and exports carry, e.g. "OSL 18 kap. 1 §"; --clear removes it')
    .argument('<id>')
    .option('--marking <text>', 'the marking')
    .option('--clear', 'no marking of its own (the configured privacy.secrecyMarking applies)')
    .option('--by <name>', 'who decides (default: cli:<os user>)')
    .action(async (id: string, opts: { marking?: string; clear?: boolean; by?: string }) => {
      if ((opts.marking === undefined) === !opts.clear) throw new UsageError('give either --marking TEXT or --clear');
      await withApp(io, 'none', async (app) => {
        await setSecrecyMarking(app.database.db, parseId(id), { actor: opts.by ?? cliActor(), marking: opts.marking ?? null }, app.now());
        println(io.stdout, `case ${id}: secrecy marking ${opts.marking ?? 'cleared'}`);
      });
    });

  threats
    .command('release')
    .description('Record that the police no longer need an escalated case: retention (privacy.closedCaseDays) starts now')
    .argument('<id>')
    .option('--note <text>', 'e.g. the police decision')
    .option('--by <name>', 'who records it (default: cli:<os user>)')
    .action(async (id: string, opts: { note?: string; by?: string }) => {
      await withApp(io, 'none', async (app) => {
        await releaseCase(app.database.db, parseId(id), { actor: opts.by ?? cliActor(), ...(opts.note === undefined ? {} : { note: opts.note }) }, app.now());
        println(io.stdout, `case ${id}: released by the police; its personal data go after privacy.closedCaseDays`);
      });
    });
}
