import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

/** One email as the outbox holds it, ready to hand to a transport. */
export interface OutgoingMail {
  from: string;
  to: string;
  messageId: string;
  date: Date;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: { cid: string; filename: string; contentType: string; content: Buffer }[];
}

export interface MailTransport {
  /** `smtp` when mail.smtpUrl is set; `eml` writes files into mail.outboxDir. */
  kind: 'smtp' | 'eml';
  /** Resolves once the server accepted the message (or the file is written); rejects with nodemailer's error. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

export interface TransportOptions {
  smtpUrl: string | null;
  outboxDir: string;
  timeoutMs: number;
  maxConnections: number;
}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    headers: mail.headers,
    attachments: mail.attachments.map((a) => ({ ...a, contentDisposition: 'inline' as const })),
  };
}

/** SMTP through a nodemailer pool, or, with no SMTP configured, real .eml files a newcomer can open. */
export function createMailTransport(options: TransportOptions): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl, options) : emlTransport(resolve(options.outboxDir));
}

function smtpTransport(url: string, options: TransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      return { response: String(info.response ?? '') };
    },
    close: () => transporter.close(),
  };
}

function emlTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'eml',
    async send(mail) {
      const info = await composer.sendMail(toNodemailer(mail));
      await mkdir(dir, { recursive: true });
      // Named after the Message-ID: writing the same email again replaces the file instead of adding a copy.
      const name = `${mail.date.toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`;
      const path = join(dir, name);
      await writeFile(`${path}.tmp`, info.message as Buffer);
      await rename(`${path}.tmp`, path);
      return { response: `written ${name}` };
    },
    close: () => composer.close(),
  };
}

/** The complete message as an .eml file would hold it (for previews). */
export async function composeEml(mail: OutgoingMail): Promise<Buffer> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await composer.sendMail(toNodemailer(mail));
  return info.message as Buffer;
}
