import type { Command } from 'commander';
import { alertDepsFromApp, deliverDue } from '../../app/index.js';
import { withApp } from '../with-app.js';
import { getAlert, listAlerts, type AlertListItem } from '../../db/queries/index.js';
import { resendAlert, type ResendOutcome } from '../../alerts/index.js';
import { ALERT_KINDS, type AlertKind, type OutboxStatus } from '../../db/schema/index.js';
import { VaksamError } from '../../errors/index.js';
import { parseId, printJson, println, type CliIo, UsageError } from '../io.js';

const STATUSES: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'];
const KINDS: readonly AlertKind[] = ALERT_KINDS;

export function registerAlerts(program: Command, io: CliIo): void {
  const alerts = program.command('alerts').description('Alerts sent (surges, threats, silent sources, digests) and their emails');

  alerts
    .command('list')
    .description('Newest alerts first, with how many of their emails are sent, pending or failed')
    .option('--status <status>', `only alerts with an email in this status: ${STATUSES.join(', ')}`)
    .option('--kind <kind>', `only this kind: ${KINDS.join(', ')}`)
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'one JSON object per alert')
    .action(async (opts: { status?: string; kind?: string; limit: string; json?: boolean }) => {
      if (opts.status && !(STATUSES as string[]).includes(opts.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
      if (opts.kind && !(KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
      const limit = parseId(opts.limit, '--limit');
      await withApp(io, 'optional', async (app) => {
        const rows = await listAlerts(app.database.db, { limit, status: opts.status as OutboxStatus | undefined, kind: opts.kind as AlertKind | undefined });
        if (opts.json) return void rows.forEach((r) => printJson(io.stdout, r));
        if (rows.length === 0) return void println(io.stdout, 'no alerts');
        for (const r of rows) println(io.stdout, formatAlert(r));
      });
    });

  alerts
    .command('show')
    .description('One alert: what it said and each email with status, attempts and last error')
    .argument('<id>')
    .option('--json', 'print as JSON')
    .action(async (rawId: string, opts: { json?: boolean }) => {
      const id = parseId(rawId);
      await withApp(io, 'optional', async (app) => {
        const alert = await getAlert(app.database.db, id);
        if (!alert) throw new VaksamError('ALERT_NOT_FOUND', `no alert ${id} (see vaksam alerts list)`);
        if (opts.json) return void printJson(io.stdout, alert);
        println(io.stdout, `alert ${alert.id}  ${alert.kind}  ${alert.severity}  ${alert.subject}  ${alert.createdAt.toISOString()}`);
        println(io.stdout, `dedupe key: ${alert.dedupeKey}`);
        println(io.stdout, `facts: ${JSON.stringify(alert.payload)}`);
        for (const e of alert.emails) {
          const error = e.lastErrorCode ? `  ${e.lastErrorCode}: ${e.lastError}` : '';
          println(io.stdout, `  email ${e.id} → ${e.toAddress}  ${e.status}  attempts ${e.attempts}  ${e.messageId}${error}`);
          println(io.stdout, `    ${e.subject}`);
        }
      });
    });

  alerts
    .command('resend')
    .description("Send an alert again now: its failed or unknown emails and channel posts (same Message-ID), and recipients added since who never got it")
    .argument('<id>')
    .option('--all', 'also emails and posts already sent')
    .action(async (rawId: string, opts: { all?: boolean }) => {
      const id = parseId(rawId);
      await withApp(io, 'optional', async (app) => {
        const outcome = await resendAlert({ ...alertDepsFromApp(app), notifyMail: async () => {} }, id, opts.all ?? false);
        if (!outcome) throw new VaksamError('ALERT_NOT_FOUND', `no alert ${id} (see vaksam alerts list)`);
        println(io.stdout, describeResend(id, outcome, opts.all ?? false));
        if (outcome.requeued + outcome.added === 0) return;
        const summary = await deliverDue(app);
        const posts = summary.channels.sent + summary.channels.retrying + summary.channels.failed > 0 ? `; channel posts: ${summary.channels.sent} sent, ${summary.channels.retrying} to retry, ${summary.channels.failed} failed` : '';
        println(io.stdout, `alert ${id}: ${summary.sent} email(s) sent, ${summary.retrying} will be retried, ${summary.failed} failed${posts}`);
      });
    });
}

/** What a resend did, in words: requeued, new recipients, or why there was nothing to send. */
export function describeResend(id: number, outcome: ResendOutcome, all: boolean): string {
  if (outcome.requeued + outcome.added > 0) {
    return `alert ${id}: ${outcome.requeued} email(s)/post(s) queued again, ${outcome.added} new email(s) to recipients added since`;
  }
  if (outcome.nobody) return `alert ${id}: nothing sent: no recipient gets ${outcome.nobody} alerts yet (add one: vaksam recipients add … --roles ${outcome.nobody})`;
  return all ? `alert ${id}: nothing to resend: it has no emails or posts and every recipient in its audience has it` : `alert ${id}: nothing to resend: nothing failed (add --all to send sent emails again)`;
}

function formatAlert(a: AlertListItem): string {
  const emails = Object.entries(a.emails).map(([status, n]) => `${n} ${status}`).join(', ') || 'no emails';
  return `${a.id}  ${a.createdAt.toISOString()}  ${a.kind}  ${a.severity}  ${a.subject}  [${emails}]`;
}
