import { z } from 'zod';
import { secret } from '../secret.js';

const positive = (def: number, what: string) => z.number().int().positive().default(def).describe(what);

const screenshotsSchema = z
  .object({
    maxBytes: positive(10 * 1024 * 1024, 'Largest screenshot file accepted'),
    maxPixels: positive(40_000_000, 'Largest width × height accepted (decoders allocate this many pixels)'),
    maxSide: positive(20_000, 'Largest width or height accepted'),
    maxPerReport: z.number().int().min(1).max(50).default(10).describe('Screenshots one report may carry'),
  })
  .strict();

const ocrSchema = z
  .object({
    command: z.string().min(1).default('tesseract').describe('Tesseract executable (Debian: tesseract-ocr with tesseract-ocr-swe, -ara, -eng)'),
    languages: z.array(z.string().regex(/^[a-z_]{3,20}$/)).min(1).default(['swe', 'eng', 'ara']).describe('Tesseract language data to read with, all at once'),
    timeoutMs: positive(60_000, 'Wall-clock limit of one OCR run; the process is killed after it'),
    maxMemoryBytes: positive(1024 * 1024 * 1024, 'Address-space limit of the OCR process (prlimit --as)'),
    maxOutputBytes: positive(200_000, 'Text one screenshot may yield; more kills the process'),
  })
  .strict();

const captureSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Fetch reported URLs through the hardened fetcher (robots.txt honoured)'),
    maxBodyBytes: positive(5 * 1024 * 1024, 'Largest page archived'),
    timeoutMs: positive(30_000, 'Wall-clock limit of one capture'),
  })
  .strict();

const linkSchema = z
  .object({
    sessionMinutes: positive(120, 'How long a verified work email may send reports through a secret link'),
    codeMinutes: positive(15, 'How long a one-time code is valid'),
    codeAttempts: z.number().int().min(1).max(20).default(5).describe('Wrong codes before a code is void'),
    windowMinutes: positive(60, 'Window of the rate limits below'),
    maxCodesPerEmail: positive(3, 'Codes sent to one address within the window'),
    maxCodesPerIp: positive(20, 'Codes requested from one address within the window'),
    maxReportsPerIp: positive(30, 'Reports sent from one address within the window (form and link)'),
  })
  .strict();

const mailboxSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Poll an IMAP mailbox for forwarded reports'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(1).max(65_535).default(993),
    secure: z.boolean().default(true).describe('TLS from the start (993); false uses STARTTLS when offered'),
    user: z.string().default(''),
    password: secret(z.string()).nullable().default(null).describe('IMAP password (env VAKSAM_IMAP_PASSWORD or VAKSAM_TIPLINE__MAILBOX__PASSWORD, or either with _FILE)'),
    folder: z.string().min(1).default('INBOX').describe('Where forwarded reports arrive'),
    processedFolder: z.string().min(1).default('Vaksam-behandlade').describe('Where processed messages are moved (created when missing)'),
    rejectedFolder: z.string().min(1).default('Vaksam-avvisade').describe('Where messages that are no report (empty, too large, refused sender) are moved'),
    everySeconds: z.number().int().min(10).default(60).describe('Poll interval'),
    maxMessageBytes: positive(25 * 1024 * 1024, 'Larger messages are moved to the rejected folder unread'),
    maxMessagesPerPoll: positive(50, 'Messages taken per poll'),
    allowedSenderDomains: z.array(z.string().min(1)).default([]).describe('Only accept reports from these sender domains; empty accepts any'),
    timeoutMs: positive(60_000, 'Connection and command timeout'),
  })
  .strict();

/** Staff tipline (config section `tipline`): screenshot limits, OCR, capture, secret links and the report mailbox. */
export const tiplineConfigSchema = z
  .object({
    screenshots: screenshotsSchema.default(screenshotsSchema.parse({})),
    ocr: ocrSchema.default(ocrSchema.parse({})),
    capture: captureSchema.default(captureSchema.parse({})),
    link: linkSchema.default(linkSchema.parse({})),
    mailbox: mailboxSchema.default(mailboxSchema.parse({})),
    maxTextChars: z.number().int().min(100).max(200_000).default(20_000).describe('Longest pasted text or email body kept'),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    if (cfg.mailbox.enabled && (!cfg.mailbox.user || !cfg.mailbox.password)) {
      ctx.addIssue({ code: 'custom', path: ['mailbox'], message: 'tipline.mailbox.user and tipline.mailbox.password must both be set when tipline.mailbox.enabled is true' });
    }
  });

export type TiplineSettings = z.output<typeof tiplineConfigSchema>;
