import type { Command } from 'commander';
import { isValidEmail, LANGUAGES, parseQuietHours, parseRoles, parseThreatLevel, RecipientInputError } from '../../alerts/index.js';
import { deleteRecipient, findRecipient, insertRecipient, listRecipients, type RecipientRow } from '../../db/queries/recipients.js';
import type { RecipientLanguage } from '../../db/schema/index.js';
import { VaksamError } from '../../errors/index.js';
import { printJson, println, type CliIo } from '../io.js';
import { withApp } from './alerts.js';

interface AddOptions {
  name: string;
  email: string;
  language: string;
  roles: string;
  region?: string;
  quiet?: string;
  narratives?: string;
  minThreat?: string;
  json?: boolean;
}

export function registerRecipients(program: Command, io: CliIo): void {
  const recipients = program.command('recipients').description('Manage who gets alerts and digests (stored in Postgres)');

  recipients
    .command('add')
    .description('Add a recipient')
    .requiredOption('--name <name>', 'the person or mailbox name')
    .requiredOption('--email <address>', 'email address')
    .requiredOption('--roles <list>', 'comma-separated: communications, security, admin')
    .option('--language <sv|en>', 'language of their emails', 'sv')
    .option('--region <name>', 'municipality or region')
    .option('--quiet <HH:MM-HH:MM>', 'quiet hours for non-critical mail, local time (e.g. 22:00-07:00)')
    .option('--narratives <slugs>', 'comma-separated narrative slugs for surge alerts (default: all)')
    .option('--min-threat <level>', 'lowest threat level mailed: low, medium, high, critical (default: medium for security, none otherwise)')
    .option('--json', 'print the stored recipient as JSON')
    .action(async (opts: AddOptions) => {
      const email = opts.email.trim();
      if (!isValidEmail(email)) throw new RecipientInputError(`--email '${email}' is not a valid email address`);
      if (!(LANGUAGES as readonly string[]).includes(opts.language)) throw new RecipientInputError(`--language must be one of ${LANGUAGES.join(', ')}`);
      const roles = parseRoles(opts.roles);
      const row = {
        name: opts.name.trim(),
        email,
        language: opts.language as RecipientLanguage,
        roles,
        region: opts.region?.trim() || null,
        quietHours: opts.quiet ? parseQuietHours(opts.quiet) : null,
        narratives: opts.narratives ? opts.narratives.split(',').map((s) => s.trim()).filter(Boolean) : [],
        minThreatLevel: opts.minThreat ? parseThreatLevel(opts.minThreat) : roles.includes('security') ? 'medium' : null,
      };
      await withApp(io, async (app) => {
        const stored = await insertRecipient(app.database.db, row, app.now());
        if (!stored) throw new VaksamError('RECIPIENT_EXISTS', `a recipient with the address ${email} already exists (see vaksam recipients list)`);
        if (opts.json) printJson(io.stdout, stored);
        else println(io.stdout, `added recipient ${stored.id} (${stored.roles.join(', ')})`);
      });
    });

  recipients
    .command('list')
    .description('List recipients')
    .option('--json', 'one JSON object per recipient')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, async (app) => {
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
      await withApp(io, async (app) => {
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
  return parts.join('  ');
}
