import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, redactConfig, SECRET_KEYS, secret, secretLogPaths, secretPaths } from '../../src/config/index.js';
import { readEnvironment } from '../../src/config/load.js';
import { redactSecrets } from '../../src/config/redact.js';
import { createLogger } from '../../src/log/index.js';

function secretFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vaksam-secret-')), 'value');
  writeFileSync(path, `${text}\n`);
  return path;
}

/** A schema with one new secret, written as a feature would: the only edit is `secret(...)`. */
const extendedSchema = z.object({
  partner: z.object({ apiKey: secret(z.string().min(1)).nullable().default(null).describe('Partner API key'), region: z.string().default('se') }).strict(),
  feeds: z.record(z.string(), z.object({ token: secret(z.string()).describe('per feed') }).strict()).default({}),
});

describe('secrets marked in the schema', () => {
  it('lists every secret of the shipped schema, including threats.watchlistKey and channel credentials', () => {
    expect([...SECRET_KEYS].sort()).toEqual(
      [
        'channels.*.auth.password',
        'channels.*.auth.token',
        'channels.*.secret',
        'channels.*.url',
        'database.url',
        'http.metricsToken',
        'http.oidcClientSecret',
        'mail.smtpUrl',
        'redis.url',
        'threats.watchlistKey',
        'tipline.mailbox.password',
      ].sort(),
    );
  });

  it('finds a new secret through wrappers and records without a list kept by hand', () => {
    expect(secretPaths(extendedSchema).map((entry) => entry.path.join('.'))).toEqual(['partner.apiKey', 'feeds.*.token']);
  });

  it('reads a new secret from <NAME>_FILE and keeps it untyped', () => {
    const secrets = secretPaths(extendedSchema);
    const tree = readEnvironment({ VAKSAM_PARTNER__API_KEY_FILE: secretFile('12345'), VAKSAM_FEEDS__NEWS__TOKEN: '0042' }, secrets);
    const parsed = extendedSchema.parse(tree);
    expect(parsed.partner.apiKey).toBe('12345');
    expect(parsed.feeds.news?.token).toBe('0042');
  });

  it('redacts a new secret in dumps and logs', () => {
    const secrets = secretPaths(extendedSchema);
    const value = extendedSchema.parse({ partner: { apiKey: 'sk-live-abc' }, feeds: { news: { token: 'feed-token' } } });
    const printed = JSON.stringify(redactSecrets(value, secrets));
    expect(printed).not.toMatch(/sk-live-abc|feed-token/);
    expect(printed).toContain('"region":"se"');
    expect(secretLogPaths(secrets)).toEqual(expect.arrayContaining(['partner.apiKey', 'apiKey', '*.apiKey', 'feeds.*.token', 'token']));
  });

  it('reads threats.watchlistKey from VAKSAM_WATCHLIST_KEY_FILE and from VAKSAM_THREATS__WATCHLIST_KEY_FILE', () => {
    const key = 'a'.repeat(64);
    expect(loadConfig({ env: { VAKSAM_WATCHLIST_KEY_FILE: secretFile(key) } }).threats.watchlistKey).toBe(key);
    expect(loadConfig({ env: { VAKSAM_THREATS__WATCHLIST_KEY_FILE: secretFile(key) } }).threats.watchlistKey).toBe(key);
  });

  it('reads every shipped secret from a _FILE variable', () => {
    const config = loadConfig({
      env: {
        REDIS_URL_FILE: secretFile('redis://:pw@cache:6379'),
        SMTP_URL_FILE: secretFile('smtp://u:pw@mail:25'),
        VAKSAM_HTTP__METRICS_TOKEN_FILE: secretFile('0123456789abcdef0123'),
        VAKSAM_HTTP__OIDC_CLIENT_SECRET_FILE: secretFile('oidc-secret'),
        VAKSAM_IMAP_PASSWORD_FILE: secretFile('imap-pw'),
      },
    });
    expect(config.redis.url).toBe('redis://:pw@cache:6379');
    expect(config.mail.smtpUrl).toBe('smtp://u:pw@mail:25');
    expect(config.http.metricsToken).toBe('0123456789abcdef0123');
    expect(config.http.oidcClientSecret).toBe('oidc-secret');
    expect(config.tipline.mailbox.password).toBe('imap-pw');
  });

  it('redacts the watchlist key, the metrics token and the OIDC secret when printed', () => {
    const config = loadConfig({ env: { VAKSAM_WATCHLIST_KEY: 'k'.repeat(44), VAKSAM_HTTP__METRICS_TOKEN: 'metrics-token-1234', VAKSAM_HTTP__OIDC_CLIENT_SECRET: 'oidc-s3cret' } });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toMatch(/kkkkkkkk|metrics-token-1234|oidc-s3cret/);
  });

  it('refuses a _FILE variable for a value that is not a secret and says which ones are', () => {
    expect(() => loadConfig({ env: { VAKSAM_COLLECT__CONCURRENCY_FILE: secretFile('3') } })).toThrowError(/VAKSAM_COLLECT__CONCURRENCY_FILE.*only secrets are read from <NAME>_FILE \(.*threats\.watchlistKey/);
  });

  it('censors a secret field in a log line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'info', destination: sink });
    log.info({ settings: { watchlistKey: 'do-not-print', metricsToken: 'nor-this' } }, 'settings');
    log.flush();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(lines.join('')).toContain('"watchlistKey":"[redacted]"');
    expect(lines.join('')).not.toMatch(/do-not-print|nor-this/);
  });
});
