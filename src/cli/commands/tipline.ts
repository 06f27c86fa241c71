import type { Command } from 'commander';
import { checkPosts } from '../../alerts/index.js';
import { type App, alertDepsFromApp, classifyCachesOf, readReportMailbox } from '../../app/index.js';
import { publicOrigin } from '../../config/index.js';
import { createLink, getReport, listLinks, listReports, normalizeReference, OcrProbe, probeOcr, processReport, revokeLink, unprocessedReportIds, type ProcessReportDeps } from '../../tipline/index.js';
import { parseId, printJson, println, UsageError, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';
import { cliActor } from './cli-actor.js';

async function processDeps(app: App): Promise<ProcessReportDeps> {
  const settings = app.config.tipline;
  return {
    db: app.database.db,
    fetcher: app.fetcher,
    log: app.log,
    now: app.now,
    settings,
    probe: new OcrProbe(settings.ocr),
    caches: await classifyCachesOf(app)(),
    alert: async (postIds) => void (await checkPosts(alertDepsFromApp(app), postIds)),
  };
}

export function registerTipline(program: Command, io: CliIo): void {
  const tipline = program.command('tipline').description('Staff reports: OCR and mailbox status, secret links, processing reports now');

  tipline
    .command('status')
    .description('Whether OCR (Tesseract and its sv/ar/en data) is installed, the mailbox setting, and reports by status')
    .option('--json', 'as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const ocr = await probeOcr(app.config.tipline.ocr);
        const reports = await listReports(app.database.db, { limit: 10_000 });
        const byStatus = Object.fromEntries(['received', 'processed', 'failed'].map((s) => [s, reports.filter((r) => r.status === s).length]));
        const mailbox = app.config.tipline.mailbox;
        const status = { ocr, mailbox: { enabled: mailbox.enabled, host: mailbox.host, folder: mailbox.folder }, reports: byStatus };
        if (opts.json) return printJson(io.stdout, status);
        println(io.stdout, ocr.available ? `OCR: ${app.config.tipline.ocr.command} with ${app.config.tipline.ocr.languages.filter((l) => !ocr.missing.includes(l)).join('+')}${ocr.missing.length > 0 ? ` (missing: ${ocr.missing.join(', ')})` : ''}` : `OCR: not installed (${ocr.reason}); reports are stored without the text of their screenshots`);
        println(io.stdout, `mailbox: ${mailbox.enabled ? `${mailbox.user}@${mailbox.host}:${mailbox.port} ${mailbox.folder}, every ${mailbox.everySeconds} s` : 'off (tipline.mailbox.enabled)'}`);
        println(io.stdout, `reports: ${byStatus.received} received, ${byStatus.processed} assessed, ${byStatus.failed} failed`);
      });
    });

  tipline
    .command('poll')
    .description('Read the report mailbox once: new messages become reports (processed by the tipline worker, or now with --process)')
    .option('--process', 'also process the new reports now, in this process')
    .action(async (opts: { process?: boolean }) => {
      await withApp(io, 'optional', async (app) => {
        if (!app.config.tipline.mailbox.enabled) throw new UsageError('the report mailbox is off: set tipline.mailbox.enabled, host, user and password');
        const summary = await readReportMailbox(app);
        println(io.stdout, `${summary.created.length} new report(s) (${summary.receipts} receipt(s) sent), ${summary.repeated} already stored, ${summary.rejected} moved to ${app.config.tipline.mailbox.rejectedFolder}`);
        if (opts.process) {
          const deps = await processDeps(app);
          for (const id of summary.created) await processReport(deps, id);
        } else for (const id of summary.created) await app.queues?.enqueueReport(id);
      });
    });

  tipline
    .command('process')
    .description('Process a report now (OCR, capture, assessment, review queue, alert), or every report not yet assessed')
    .argument('[reference]')
    .action(async (reference: string | undefined) => {
      await withApp(io, 'none', async (app) => {
        const ids = reference === undefined ? await unprocessedReportIds(app.database.db, app.now(), 1_000_000, 10_000) : [Number((await getReport(app.database.db, { reference: normalizeReference(reference) ?? reference })).report.id)];
        const deps = await processDeps(app);
        for (const id of ids) {
          const filed = await processReport(deps, id);
          println(io.stdout, `report ${id}: post ${filed.postId}, threat case ${filed.caseId}`);
        }
        if (ids.length === 0) println(io.stdout, 'no report waits for processing');
      });
    });

  const links = tipline.command('links').description('Secret report links for staff without an account (one per organisation)');

  links
    .command('create')
    .description('Create a link; it is printed once (only its hash is stored)')
    .requiredOption('--name <organisation>', 'who the link is for, e.g. "Västerås stad, socialförvaltningen"')
    .requiredOption('--domains <list>', 'e-mail domains that may get a code, comma-separated, e.g. vasteras.se')
    .option('--by <name>', 'who creates it (default: cli:<os user>)')
    .action(async (opts: { name: string; domains: string; by?: string }) => {
      await withApp(io, 'none', async (app) => {
        const { link, token } = await createLink(app.database.db, { name: opts.name, domains: opts.domains, actor: opts.by ?? cliActor() }, app.now());
        println(io.stdout, `link ${link.id} for ${link.name} (${link.allowedDomains.join(', ')}):\n${publicOrigin(app.config.http)}/r/${token}`);
      });
    });

  links
    .command('list')
    .description('Links with their organisation, domains and state (never the token)')
    .option('--json', 'one JSON object per link')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        for (const l of await listLinks(app.database.db)) {
          const row = { id: l.id, name: l.name, domains: l.allowedDomains, createdBy: l.createdBy, createdAt: l.createdAt.toISOString(), revokedAt: l.revokedAt?.toISOString() ?? null };
          if (opts.json) printJson(io.stdout, row);
          else println(io.stdout, `${l.id}\t${l.name}\t${l.allowedDomains.join(',')}\t${l.revokedAt ? 'revoked' : 'active'}`);
        }
      });
    });

  links
    .command('revoke')
    .description('Stop a link at once (its reports stay)')
    .argument('<id>')
    .action(async (id: string) => {
      await withApp(io, 'none', async (app) => {
        const done = await revokeLink(app.database.db, parseId(id), cliActor(), app.now());
        println(io.stdout, done ? `link ${id} revoked` : `link ${id} is unknown or already revoked`);
      });
    });
}
