import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../log/index.js';
import { ReportInvalidError } from '../errors.js';
import { checkReport } from '../report/report-input.js';
import type { TiplineSettings } from '../../config/index.js';
import { createReport } from '../store/reports.js';
import { readReportMessage } from './message-report.js';

export interface MailboxDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  settings: TiplineSettings;
}

export interface PollSummary {
  /** Ids of reports created by this poll (to process). */
  created: number[];
  /** Messages already stored as reports earlier (moved again after a crash). */
  repeated: number;
  rejected: number;
}

/**
 * Reads the report mailbox once: each message becomes a report (once per Message-ID) and is then moved to the
 * processed folder; a message that is no report (automatic, refused sender, too large, empty) goes to the rejected
 * folder. A crash between storing and moving is harmless: the next poll finds the report and only moves the message.
 */
export async function pollMailbox(deps: MailboxDeps): Promise<PollSummary> {
  const box = deps.settings.mailbox;
  const client = new ImapFlow({
    host: box.host,
    port: box.port,
    secure: box.secure,
    auth: { user: box.user, pass: box.password ?? '' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: box.timeoutMs,
    greetingTimeout: box.timeoutMs,
    socketTimeout: box.timeoutMs,
  });
  client.on('error', (error: Error) => deps.log.warn({ err: error.message }, 'report mailbox connection error'));
  await client.connect();
  const summary: PollSummary = { created: [], repeated: 0, rejected: 0 };
  try {
    for (const folder of [box.processedFolder, box.rejectedFolder]) await client.mailboxCreate(folder);
    const lock = await client.getMailboxLock(box.folder);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids.slice(0, box.maxMessagesPerPoll)) {
        const outcome = await readOne(client, deps, uid);
        if (outcome === 'rejected') summary.rejected++;
        else if (outcome === 'repeated') summary.repeated++;
        else summary.created.push(outcome);
        await client.messageMove(String(uid), outcome === 'rejected' ? box.rejectedFolder : box.processedFolder, { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  if (summary.created.length + summary.rejected + summary.repeated > 0) deps.log.info({ created: summary.created.length, repeated: summary.repeated, rejected: summary.rejected }, 'report mailbox read');
  return summary;
}

async function readOne(client: ImapFlow, deps: MailboxDeps, uid: number): Promise<number | 'repeated' | 'rejected'> {
  const s = deps.settings;
  const meta = await client.fetchOne(String(uid), { size: true }, { uid: true });
  if (!meta || (meta.size ?? 0) > s.mailbox.maxMessageBytes) return reject(deps, uid, 'larger than tipline.mailbox.maxMessageBytes');
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  if (!message || !message.source) return reject(deps, uid, 'no message source');
  const mail = await simpleParser(message.source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 2_000_000 });
  const image = { maxBytes: s.screenshots.maxBytes, maxPixels: s.screenshots.maxPixels, maxSide: s.screenshots.maxSide };
  const reading = readReportMessage(mail, message.source, { allowedSenderDomains: s.mailbox.allowedSenderDomains, image, maxScreenshots: s.screenshots.maxPerReport });
  if (reading.kind === 'rejected') return reject(deps, uid, reading.reason);
  let input;
  try {
    input = checkReport({ ...reading.submission, text: reading.submission.text?.slice(0, s.maxTextChars) }, { maxTextChars: s.maxTextChars, maxScreenshots: s.screenshots.maxPerReport, image });
  } catch (error) {
    // The field only: a message names files, which may name people.
    if (error instanceof ReportInvalidError) return reject(deps, uid, `invalid ${String(error.details.field)}`);
    throw error;
  }
  const created = await createReport(
    deps.db,
    input,
    { channel: 'email', intakeKey: reading.intakeKey, reporter: reading.sender, subject: reading.subject, metadata: reading.metadata, actor: 'mailbox' },
    deps.now(),
  );
  return created.created ? created.id : 'repeated';
}

function reject(deps: MailboxDeps, uid: number, reason: string): 'rejected' {
  deps.log.warn({ uid, reason }, 'report mailbox: message moved to the rejected folder');
  return 'rejected';
}
