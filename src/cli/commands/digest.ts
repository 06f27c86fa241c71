import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadRecipients } from '../../alerts/index.js';
import { addWeeks, formatIsoWeek, isoWeekAt, parseIsoWeek, previewDigest, sendWeeklyDigests, type IsoWeek } from '../../digest/index.js';
import { VaksamError } from '../../errors/index.js';
import { composeEml } from '../../mail/index.js';
import { alertDepsFromApp, deliverDue } from '../../app/index.js';
import { println, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';

export function registerDigest(program: Command, io: CliIo): void {
  const digest = program.command('digest').description('The weekly digest (sent Monday 07:00 Europe/Stockholm by default)');

  digest
    .command('preview')
    .description('Write the digest one recipient would get to FILE.eml and FILE.html, without sending')
    .requiredOption('--recipient <id-or-email>', 'whose digest')
    .option('--week <YYYY-Www>', 'ISO week covered (default: last week)')
    .option('--out <file>', 'file name without extension (default: digest-<week>-<recipient id>)')
    .action(async (opts: { recipient: string; week?: string; out?: string }) => {
      await withApp(io, 'optional', async (app) => {
        const deps = alertDepsFromApp(app);
        const week = weekOption(opts.week, app.now(), app.config.alerts.timeZone);
        const recipient = (await loadRecipients(app.database.db)).find((r) => String(r.id) === opts.recipient || r.email.toLowerCase() === opts.recipient.toLowerCase());
        if (!recipient) throw new VaksamError('RECIPIENT_NOT_FOUND', `no recipient '${opts.recipient}' (see vaksam recipients list)`);
        const email = await previewDigest(deps, recipient, week);
        const base = resolve(opts.out ?? `digest-${formatIsoWeek(week)}-${recipient.id}`);
        const eml = await composeEml({ from: app.config.mail.from, to: recipient.email, messageId: `<preview-${formatIsoWeek(week)}-${recipient.id}@vaksam.invalid>`, date: email.dueAt, ...email });
        // The HTML file shows the chart inline, as a mail client would.
        const html = email.attachments.reduce((doc, a) => doc.replaceAll(`cid:${a.cid}`, `data:${a.contentType};base64,${a.content.toString('base64')}`), email.html);
        await writeFile(`${base}.eml`, eml);
        await writeFile(`${base}.html`, html);
        println(io.stdout, `wrote ${base}.eml and ${base}.html (${email.subject}); due ${email.dueAt.toISOString()}`);
      });
    });

  digest
    .command('send')
    .description('Record the digest of a week for every recipient (or one) and send it now; each person gets one per week')
    .option('--week <YYYY-Www>', 'ISO week covered (default: last week)')
    .option('--recipient <id-or-email>', 'only this recipient')
    .action(async (opts: { week?: string; recipient?: string }) => {
      await withApp(io, 'optional', async (app) => {
        const deps = alertDepsFromApp(app);
        const week = weekOption(opts.week, app.now(), app.config.alerts.timeZone);
        let recipients = await loadRecipients(app.database.db);
        if (opts.recipient) {
          recipients = recipients.filter((r) => String(r.id) === opts.recipient || r.email.toLowerCase() === opts.recipient!.toLowerCase());
          if (recipients.length === 0) throw new VaksamError('RECIPIENT_NOT_FOUND', `no recipient '${opts.recipient}' (see vaksam recipients list)`);
        }
        const recorded = await sendWeeklyDigests({ ...deps, notifyMail: async () => {} }, week, recipients);
        const summary = await deliverDue(app);
        println(io.stdout, `digest ${formatIsoWeek(week)}: ${recorded} new, ${summary.sent} email(s) sent, ${summary.retrying} to retry, ${summary.failed} failed`);
      });
    });
}

function weekOption(raw: string | undefined, now: Date, timeZone: string): IsoWeek {
  return raw ? parseIsoWeek(raw) : addWeeks(isoWeekAt(now, timeZone), -1);
}
