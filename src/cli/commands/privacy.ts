import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  describeErasure,
  erasePerson,
  findPerson,
  formatPrivacyReport,
  loadPseudonymKey,
  privacyReport,
  runRetention,
  type PersonRecord,
  type ReportLanguage,
} from '../../privacy/index.js';
import { commandContext, printJson, println, UsageError, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';
import { cliActor } from './cli-actor.js';

interface PersonOptions {
  author: string;
  platform?: string;
  by?: string;
}

/** Registers `vaksam privacy …`: requests of data subjects, retention now, and the processing report (issue 20). */
export function registerPrivacy(program: Command, io: CliIo): void {
  const privacy = program.command('privacy').description('Data protection: what is held about a person (find, export, erase), retention, the processing report');
  const person = (command: Command) =>
    command
      .requiredOption('--author <handle>', 'the handle, with or without @ (Mastodon: user@instance)')
      .option('--platform <platform>', 'only this platform (mastodon, telegram, x, …)')
      .option('--by <name>', 'who handles the request (default: cli:<os user>)');

  person(privacy.command('find').description('List everything held about a handle: posts, cases, watchlist hits, reports, mentions, alerts'))
    .option('--json', 'the whole record as JSON')
    .action(async (opts: PersonOptions & { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const record = await findPerson(app.database.db, await loadPseudonymKey(app.config), query(opts), { actor: opts.by ?? cliActor(), now: app.now(), action: 'privacy.find' });
        if (opts.json) printJson(io.stdout, record);
        else io.stdout.write(formatRecord(record));
      });
    });

  person(privacy.command('export').description('Write everything held about a handle as JSON, for the person who asked'))
    .requiredOption('--out <file>', 'the JSON file to write (not overwritten)')
    .action(async (opts: PersonOptions & { out: string }) => {
      await withApp(io, 'none', async (app) => {
        const record = await findPerson(app.database.db, await loadPseudonymKey(app.config), query(opts), { actor: opts.by ?? cliActor(), now: app.now(), action: 'privacy.export' });
        const path = resolve(opts.out);
        await writeFile(path, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
        println(io.stdout, `${path}: ${summary(record)}`);
      });
    });

  person(privacy.command('erase').description('Remove or pseudonymise everything held about a handle, except what a case held by the police needs'))
    .option('--yes', 'really erase (without it nothing changes)')
    .action(async (opts: PersonOptions & { yes?: boolean }) => {
      if (!opts.yes) throw new UsageError('privacy erase removes data for good: run `privacy find` first, then add --yes');
      await withApp(io, 'none', async (app) => {
        const outcome = await erasePerson(app.database.db, await loadPseudonymKey(app.config), query(opts), { actor: opts.by ?? cliActor(), now: app.now() });
        for (const line of describeErasure(outcome)) println(io.stdout, line);
      });
    });

  privacy
    .command('retention')
    .description('Apply retention now (the maintenance worker does it daily): unmatched posts, handles, dismissed and closed cases')
    .action(async () => {
      await withApp(io, 'none', async (app) => {
        const outcome = await runRetention(app.database.db, app.config, app.now(), cliActor());
        for (const [rule, n] of Object.entries(outcome.counts)) println(io.stdout, `${rule}: ${n}`);
        if (outcome.unfinished.length > 0) println(io.stdout, `more is due for ${outcome.unfinished.join(', ')}: run again`);
      });
    });

  privacy
    .command('report')
    .description('The processing as configured now: what is kept, why, for how long, and the setting behind each period')
    .option('--lang <lang>', 'sv or en', 'en')
    .option('--json', 'as JSON')
    .action((opts: { lang: string; json?: boolean }) => {
      if (opts.lang !== 'sv' && opts.lang !== 'en') throw new UsageError(`--lang must be sv or en; got '${opts.lang}'`);
      const { config } = commandContext(io);
      const report = privacyReport(config, opts.lang as ReportLanguage);
      if (opts.json) printJson(io.stdout, report);
      else io.stdout.write(formatPrivacyReport(report, opts.lang as ReportLanguage));
    });
}

function query(opts: PersonOptions) {
  return { handle: opts.author, ...(opts.platform === undefined ? {} : { platform: opts.platform }) };
}

function summary(record: PersonRecord): string {
  return `${record.posts.length} post(s), ${record.cases.length} case entr(ies), ${record.watchlistHits.length} watchlist hit(s), ${record.reports.length} report(s), ${record.mentions.length} mention(s), ${record.alerts.length} alert(s), ${record.quarantined.length} quarantined, ${record.missedThreats.length} missed-threat cop(ies)${record.truncated ? ' (truncated: more exist)' : ''}`;
}

function formatRecord(record: PersonRecord): string {
  const lines = [`${record.query.handle}${record.query.platform ? ` on ${record.query.platform}` : ''}: ${summary(record)}`];
  for (const p of record.posts) lines.push(`post ${p.id}  ${p.platform}  ${p.fetchedAt}  ${p.source}  ${p.narratives.join(',') || '-'}  ${p.threatLevel ?? '-'}${p.pseudonymised ? '  (pseudonymised)' : ''}  ${p.url ?? ''}`);
  for (const c of record.cases) lines.push(`case ${c.caseId}  ${c.status}${c.policeRef ? `  police ${c.policeRef}` : ''}${c.heldForPolice ? '  HELD FOR THE POLICE' : ''}  post ${c.postId ?? '-'}  ${c.addedAt}`);
  for (const w of record.watchlistHits) lines.push(`watchlist hit in post ${w.postId}: ${w.entry}`);
  for (const r of record.reports) lines.push(`report ${r.reference}  ${r.receivedAt}`);
  for (const m of record.mentions) lines.push(`mentioned in post ${m.postId} (${m.where})  ${m.url ?? ''}`);
  for (const a of record.alerts) lines.push(`alert ${a.id}  ${a.kind}  ${a.createdAt}`);
  for (const q of record.quarantined) lines.push(`quarantined item ${q.id} of source ${q.sourceId}  ${q.createdAt}`);
  for (const m of record.missedThreats) lines.push(`missed-threat copy ${m.id}  post ${m.postId ?? '-'}  ${m.level}  ${m.markedAt}`);
  return `${lines.join('\n')}\n`;
}
