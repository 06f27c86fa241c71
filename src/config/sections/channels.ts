import { z } from 'zod';
import { E164_PHONE } from '../../text/index.js';
import { secret } from '../secret.js';

const ROLE = z.enum(['communications', 'security', 'admin']);
const LEVEL = z.enum(['low', 'medium', 'high', 'critical']);

/** https:// only, except for a server on this machine (a local relay, tests): channel URLs carry secrets. */
function isSafeChannelUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** A channel URL is a secret: a Teams or Slack webhook URL holds its key in the path, so only the origin is shown. */
const channelUrl = () => secret(z.string().refine(isSafeChannelUrl, 'must be an https:// URL (http:// only for 127.0.0.1 or localhost)'), 'url-origin');

const common = {
  enabled: z.boolean().default(true),
  roles: z.array(ROLE).min(1).describe('Whose alerts this channel gets: communications (surges), security (threats), admin (silent sources)'),
  language: z.enum(['sv', 'en']).default('sv'),
  minThreatLevel: LEVEL.default('high').describe('For the security role: the lowest threat level posted here'),
  escalation: z.boolean().default(false).describe('Also gets escalations: critical cases nobody acknowledged in time'),
  quietHours: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM-HH:MM')
    .nullable()
    .default(null)
    .describe('Local time range when only critical alerts are posted; the rest wait until it ends'),
  ratePerMinute: z.number().int().min(1).max(600).default(20).describe('Posts per minute at most; the rest wait their turn'),
};

const teams = z.object({ kind: z.literal('teams'), url: channelUrl().describe('Workflows (or incoming webhook) URL'), ...common }).strict();
const slack = z.object({ kind: z.literal('slack'), url: channelUrl().describe('Incoming webhook URL'), ...common }).strict();
const webhook = z
  .object({
    kind: z.literal('webhook'),
    url: channelUrl(),
    secret: secret(z.string().min(32, 'must be at least 32 characters')).describe('HMAC-SHA-256 key for X-Vaksam-Signature'),
    ...common,
  })
  .strict();
const sms = z
  .object({
    kind: z.literal('sms'),
    url: channelUrl().describe('The SMS gateway endpoint that takes one message per POST'),
    from: z.string().min(1).max(15).default('Vaksam').describe('Sender name or number'),
    to: z.array(z.string().regex(E164_PHONE, 'expected an E.164 number such as +46701234567')).default([]).describe('Fixed numbers (a duty phone); recipients who chose sms get it too'),
    format: z.enum(['json', 'form']).default('json').describe('Request body: JSON or application/x-www-form-urlencoded'),
    fields: z
      .object({ to: z.string().min(1).default('to'), from: z.string().min(1).default('from'), text: z.string().min(1).default('message') })
      .strict()
      .default({ to: 'to', from: 'from', text: 'message' })
      .describe('Names the gateway gives the number, sender and text fields'),
    auth: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('bearer'), token: secret(z.string().min(1)) }).strict(),
        z.object({ type: z.literal('basic'), username: z.string().min(1), password: secret(z.string().min(1)) }).strict(),
        z.object({ type: z.literal('none') }).strict(),
      ])
      .default({ type: 'none' }),
    ...common,
    minThreatLevel: z.literal('critical').default('critical').describe('SMS is for critical threats only'),
  })
  .strict();

export const channelSchema = z.discriminatedUnion('kind', [teams, slack, webhook, sms]);
export type ChannelSettings = z.output<typeof channelSchema>;

/** channels.<name>: names are letters and digits so that VAKSAM_CHANNELS__<NAME>__URL can set them. */
export const channelsConfigSchema = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'channel names are letters and digits, starting lower-case'), channelSchema).default({});
export type ChannelsSettings = z.output<typeof channelsConfigSchema>;
