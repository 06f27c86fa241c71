import type { NewChannelDelivery, NewOutboxEmail } from '../db/queries/index.js';
import type { AlertAudience, AlertKind } from '../db/schema/index.js';
import type { EmailContent, MailLanguage } from '../email/index.js';
import type { ChannelSettings, ChannelsSettings } from '../config/index.js';
import { channelMessage, slackPayload, smsText, teamsPayload, webhookEvent, type AlertMeta } from './channels/render.js';
import { composeEmails } from './compose.js';
import { isAtLeast } from './levels.js';
import { audienceRecipients, parseQuietHours, quietUntil, type Recipient } from './recipients.js';

export interface DeliveryPlanInput {
  alert: AlertMeta & { audience: AlertAudience; threadKey: string | null };
  contentFor: (lang: MailLanguage) => EmailContent;
  recipients: readonly Recipient[];
  channels: ChannelsSettings;
  from: string;
  timeZone: string;
  now: Date;
}

export interface DeliveryPlan {
  emails: NewOutboxEmail[];
  channels: NewChannelDelivery[];
}

/** SMS is for what cannot wait: critical threats and escalations. */
export function allowsSms(kind: AlertKind | string, severity: string): boolean {
  return kind === 'escalation' || (kind === 'threat' && severity === 'critical');
}

/** Whether a configured channel takes this alert (escalations: only channels marked for them). */
export function channelTakes(channel: ChannelSettings, audience: AlertAudience, kind: string, severity: string): boolean {
  if (!channel.enabled) return false;
  if (audience.escalation) return channel.escalation && channel.roles.includes('security');
  if (!channel.roles.includes(audience.role)) return false;
  if (audience.minLevel !== undefined && !isAtLeast(audience.minLevel, channel.minThreatLevel)) return false;
  return channel.kind !== 'sms' || allowsSms(kind, severity);
}

function payloadFor(channel: ChannelSettings, content: EmailContent, alert: AlertMeta, target: string): Record<string, unknown> {
  const message = channelMessage(content);
  switch (channel.kind) {
    case 'teams':
      return teamsPayload(message);
    case 'slack':
      return slackPayload(message);
    case 'webhook':
      return webhookEvent(message, alert);
    case 'sms':
      return { to: target, text: smsText(message) };
  }
}

/**
 * Who gets an alert, and how: emails to the recipients in its audience who take email, posts to the channels that
 * serve its role, SMS to fixed numbers and to recipients who chose SMS (critical threats and escalations only).
 * An escalation goes to escalation channels and SMS; only when there are none does it fall back to email.
 * Anything not urgent waits for the end of the recipient's or channel's quiet hours.
 */
export function planDeliveries(input: DeliveryPlanInput): DeliveryPlan {
  const { alert, now } = input;
  const { audience } = alert;
  const contents = new Map<MailLanguage, EmailContent>();
  const contentIn = (lang: MailLanguage) => contents.get(lang) ?? contents.set(lang, input.contentFor(lang)).get(lang)!;
  const heldUntil = (quiet: string | null) => (audience.urgent || !quiet ? now : (quietUntil(parseQuietHours(quiet), now, input.timeZone) ?? now));
  const readers = audienceRecipients(input.recipients, audience);
  const channels: NewChannelDelivery[] = [];
  const add = (name: string, channel: ChannelSettings, target: string, recipientId: number | null) => {
    if (channels.some((c) => c.channel === name && c.target === target)) return;
    channels.push({ channel: name, kind: channel.kind, target, recipientId, payload: payloadFor(channel, contentIn(channel.language), alert, target), notBefore: heldUntil(channel.quietHours) });
  };
  const configured = Object.entries(input.channels).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, channel] of configured) {
    if (!channelTakes(channel, audience, alert.kind, alert.severity)) continue;
    if (channel.kind === 'sms') for (const number of channel.to) add(name, channel, number, null);
    else add(name, channel, '', null);
  }
  const gateway = configured.find(([, c]) => c.kind === 'sms' && c.enabled);
  if (gateway && allowsSms(alert.kind, alert.severity)) {
    for (const r of readers) if (r.phone && r.channels.includes('sms')) add(gateway[0], gateway[1], r.phone, r.id);
  }
  if (audience.escalation && channels.length > 0) return { emails: [], channels };
  const mailed = readers.filter((r) => r.channels.includes('email'));
  const emails = composeEmails(alert.dedupeKey, mailed, contentIn, { from: input.from, now, timeZone: input.timeZone, ignoreQuietHours: audience.urgent, threadKey: alert.threadKey });
  return { emails, channels };
}
