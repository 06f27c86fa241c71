import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, request } from 'undici';
import { parseRetryAfter } from '../../fetch/index.js';
import type { ChannelSettings } from '../../config/index.js';

/** How long a receiver should accept a signed webhook after its timestamp (and remember its delivery id). */
export const WEBHOOK_REPLAY_WINDOW_SECONDS = 300;

/** `sha256=<hex>` of HMAC-SHA-256 over "<unix seconds>.<raw body>" with the channel's secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does with a Vaksam webhook: recompute the signature over the raw body and the X-Vaksam-Timestamp
 * header (constant-time compare), and refuse a timestamp outside the replay window. Receivers should also remember
 * X-Vaksam-Delivery ids for that window: a retried delivery carries the same id.
 */
export function verifyWebhookSignature(input: { secret: string; timestamp: string; body: string; signature: string; now: Date; windowSeconds?: number }): boolean {
  if (!/^\d{1,12}$/.test(input.timestamp)) return false;
  const age = Math.abs(input.now.getTime() / 1000 - Number(input.timestamp));
  if (age > (input.windowSeconds ?? WEBHOOK_REPLAY_WINDOW_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(input.secret, Number(input.timestamp), input.body));
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The HTTP request for one stored post; secrets (HMAC key, gateway credentials) are added here, never stored. */
export function buildChannelRequest(channel: ChannelSettings, post: { id: number; payload: Record<string, unknown> }, now: Date): ChannelRequest {
  const json = (body: unknown, extra: Record<string, string> = {}): ChannelRequest => ({
    url: channel.url,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
    body: JSON.stringify(body),
  });
  switch (channel.kind) {
    case 'teams':
    case 'slack':
      return json(post.payload);
    case 'webhook': {
      const body = JSON.stringify(post.payload);
      const timestamp = Math.floor(now.getTime() / 1000);
      return {
        url: channel.url,
        body,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-vaksam-timestamp': String(timestamp),
          'x-vaksam-signature': signWebhook(channel.secret, timestamp, body),
          'x-vaksam-delivery': String(post.id),
          'x-vaksam-event': String(post.payload.type ?? 'vaksam.alert'),
        },
      };
    }
    case 'sms': {
      const fields = { [channel.fields.to]: String(post.payload.to), [channel.fields.from]: channel.from, [channel.fields.text]: String(post.payload.text) };
      const auth: Record<string, string> =
        channel.auth.type === 'bearer'
          ? { authorization: `Bearer ${channel.auth.token}` }
          : channel.auth.type === 'basic'
            ? { authorization: `Basic ${Buffer.from(`${channel.auth.username}:${channel.auth.password}`).toString('base64')}` }
            : {};
      if (channel.format === 'json') return json(fields, auth);
      return { url: channel.url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth }, body: new URLSearchParams(fields).toString() };
    }
  }
}

export interface ChannelLimits {
  connectTimeoutMs: number;
  /** Wall-clock limit of one request, reply included. */
  totalTimeoutMs: number;
}

export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; permanent: boolean; status: number | null; code: string; message: string; retryAfterMs: number | null };

/** Bytes of a reply kept for the error message; the rest is discarded unread. */
const REPLY_BYTES = 2048;

/**
 * Posts with a bounded undici call: connect and total deadlines, no redirects followed (a webhook URL that moved is
 * a configuration error, and a redirect must not carry the body elsewhere), at most 2 KiB of the reply read.
 * 2xx is delivered; 408, 425, 429 and 5xx, timeouts and network errors are worth retrying; other 4xx are not.
 */
export async function postToChannel(agent: Agent, req: ChannelRequest, limits: ChannelLimits, now: () => Date): Promise<PostOutcome> {
  try {
    const response = await request(req.url, {
      method: 'POST',
      headers: { 'user-agent': 'Vaksam-Alerts/0.1', ...req.headers },
      body: req.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(limits.totalTimeoutMs),
    });
    const reply = await readSome(response.body);
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { ok: true, status };
    const header = response.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header, now().getTime());
    const transient = status === 408 || status === 425 || status === 429 || status >= 500;
    return { ok: false, permanent: !transient, status, code: `HTTP_${status}`, message: `HTTP ${status}${reply ? `: ${reply}` : ''}`, retryAfterMs };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    const timeout = e.name === 'TimeoutError' || e.name === 'AbortError' || /Timeout/.test(e.code ?? '');
    return { ok: false, permanent: false, status: null, code: timeout ? 'CHANNEL_TIMEOUT' : (e.code ?? 'CHANNEL_NETWORK'), message: e.message ?? String(error), retryAfterMs: null };
  }
}

async function readSome(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= REPLY_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, REPLY_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
}

/** One connection pool for channel posts: connect timeout and header/body timeouts bounded by the total. */
export function createChannelAgent(limits: ChannelLimits): Agent {
  return new Agent({ connect: { timeout: limits.connectTimeoutMs }, headersTimeout: limits.totalTimeoutMs, bodyTimeout: limits.totalTimeoutMs, connections: 4 });
}
