import { createHash } from 'node:crypto';
import type { EmailContent, RenderedEmail } from './content.js';
import { cleanHeader } from './escape.js';
import { renderHtml } from './html.js';
import { renderText } from './text.js';

const BASE_HEADERS = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

export function renderEmail(content: EmailContent): RenderedEmail {
  const headers: Record<string, string> = { ...BASE_HEADERS };
  for (const [name, value] of Object.entries(content.headers ?? {})) {
    if (/^[A-Za-z0-9-]+$/.test(name)) headers[name] = cleanHeader(value, 200);
  }
  const safe = { ...content, subject: cleanHeader(content.subject) };
  return { subject: safe.subject, html: renderHtml(safe), text: renderText(safe), headers, attachments: content.attachments ?? [] };
}

/**
 * `<hash@domain>` from the alert's dedupe key and the recipient: the same email always carries the same id, so a
 * retry or a re-send after a crash is recognisable as one message by servers and mail clients.
 */
export function messageIdFor(dedupeKey: string, recipient: string | number, from: string): string {
  const hash = createHash('sha256').update(`${dedupeKey}\u0000${recipient}`).digest('hex').slice(0, 32);
  return `<${hash}@${domainOf(from)}>`;
}

function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'vaksam.invalid';
}
