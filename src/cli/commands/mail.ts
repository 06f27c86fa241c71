import type { Command } from 'commander';
import { isValidEmail, queueTestEmail, RecipientInputError } from '../../alerts/index.js';
import { alertDepsFromApp, deliverDue } from '../../app/index.js';
import { getOutboxRow } from '../../db/queries/index.js';
import { VaksamError } from '../../errors/index.js';
import { println, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';

export function registerMail(program: Command, io: CliIo): void {
  const mail = program.command('mail').description('Email delivery');
  mail
    .command('test')
    .description('Send a test email now through the outbox (SMTP when mail.smtpUrl/SMTP_URL is set, else an .eml file)')
    .requiredOption('--to <address>', 'where to send it')
    .action(async (opts: { to: string }) => {
      const to = opts.to.trim();
      if (!isValidEmail(to)) throw new RecipientInputError(`--to '${to}' is not a valid email address`);
      await withApp(io, 'optional', async (app) => {
        const id = await queueTestEmail({ ...alertDepsFromApp(app), notifyMail: async () => {} }, to);
        const summary = await deliverDue(app, [id]);
        const where = app.config.mail.smtpUrl ? 'SMTP' : `an .eml file in ${app.config.mail.outboxDir}`;
        if (summary.sent === 1) return void println(io.stdout, `test email ${id} sent via ${where}`);
        const row = await getOutboxRow(app.database.db, id);
        const state = summary.retrying === 1 ? 'will be retried' : 'failed';
        throw new VaksamError('MAIL_NOT_SENT', `test email ${id} ${state}: ${row?.lastErrorCode ?? ''} ${row?.lastError ?? ''}`.trim());
      });
    });
}
