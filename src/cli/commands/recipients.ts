import type { Command } from 'commander';
import { deliverWaitingAlerts, recipientFromInput, type RecipientInput } from '../../alerts/index.js';
import { deleteRecipient, findRecipient, insertRecipient, listRecipients, type RecipientRow } from '../../db/queries/index.js';
import { VaksamError } from '../../errors/index.js';
import { term } from '../../vocabulary/index.js';
import { alertDepsFromApp, deliverDue } from '../../app/index.js';
import { printJson, println, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';

export function registerRecipients(program: Command, io: CliIo): void {
  const recipients = program.command('recipients').description('Manage who gets alerts and digests (stored in Postgres)');

  recipients
    .command('add')
    .description('Add a recipient; alerts that are waiting because nobody got them yet (first run) are sent to them now')
    .requiredOption('--name <name>', 'the person or mailbox name')
    .requiredOption('--email <address>', 'email address')
    .requiredOption('--roles <list>', 'comma-separated: communications, security, admin')
    .option('--language <sv|en>', 'language of their emails', 'sv')
    .option('--region <name>', 'municipality or region')
    .option('--quiet <HH:MM-HH:MM>', 'quiet hours for non-critical mail, local time (e.g. 22:00-07:00)')
    .option('--narratives <slugs>', 'comma-separated narrative slugs for surge alerts (default: all)')
    .option('--min-threat <level>', 'lowest threat level told: low, medium, high, critical, or none (default: medium for security, none otherwise)')
    .option('--phone <number>', 'mobile number for SMS, international form (+46701234567)')
    .option('--channels <list>', 'how to reach them: email, sms (sms: critical threats and escalations only)', 'email')
    .option('--json', 'print the stored recipient as JSON')
    .action(async (opts: RecipientInput & { json?: boolean }) => {
      const row = recipientFromInput(opts);
      await withApp(io, 'optional', async (app) => {
        const stored = await insertRecipient(app.database.db, row, app.now());
        if (!stored) throw new VaksamError('RECIPIENT_EXISTS', `a recipient with the address ${row.email} already exists (see vaksam recipients list)`);
        const waiting = await deliverWaitingAlerts({ ...alertDepsFromApp(app), notifyMail: async () => {} }, { ...row, id: stored.id });
        if (waiting.length > 0) await deliverDue(app);
        if (opts.json) return void printJson(io.stdout, { ...stored, waitingAlertsDelivered: waiting });
        println(io.stdout, `added recipient ${stored.id} (${stored.roles.join(', ')})`);
        if (waiting.length > 0) println(io.stdout, `sent them ${waiting.length} alert(s) that were waiting for a recipient: ${waiting.join(', ')}`);
      });
    });

  recipients
    .command('list')
    .description('List recipients')
    .option('--json', 'one JSON object per recipient')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'optional', async (app) => {
        const rows = await listRecipients(app.database.db);
        if (opts.json) return void rows.forEach((r) => printJson(io.stdout, r));
        if (rows.length === 0) return void println(io.stdout, 'no recipients yet: vaksam recipients add --name … --email … --roles …');
        for (const r of rows) println(io.stdout, formatRecipient(r));
      });
    });

  recipients
    .command('remove')
    .description('Remove a recipient; their emails not yet sent are cancelled')
    .argument('<id-or-email>')
    .action(async (key: string) => {
      await withApp(io, 'optional', async (app) => {
        const row = await findRecipient(app.database.db, key);
        if (!row) throw new VaksamError('RECIPIENT_NOT_FOUND', `no recipient '${key}' (see vaksam recipients list)`);
        const { cancelled } = await deleteRecipient(app.database.db, row.id, app.now());
        println(io.stdout, `recipient ${row.id} removed; ${cancelled} pending email(s) cancelled`);
      });
    });
}

function formatRecipient(r: RecipientRow): string {
  const parts = [`${r.id}`, r.name, `<${r.email}>`, r.language, r.roles.join('+')];
  if (r.region) parts.push(r.region);
  if (r.quietHours) parts.push(`quiet ${r.quietHours.start}-${r.quietHours.end}`);
  parts.push(r.narratives.length > 0 ? `narratives ${r.narratives.join(',')}` : 'all narratives');
  parts.push(r.minThreatLevel ? `threats ≥ ${r.minThreatLevel}` : 'no threat mail');
  parts.push(r.channels.map((c) => term('en', 'channelKind', c)).join('+') + (r.phone ? ` ${r.phone}` : ''));
  return parts.join('  ');
}
