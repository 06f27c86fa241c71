import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors/index.js';

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vaksam-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('reads config/default.yaml and fills every default', () => {
    const config = loadConfig({ env: {} });
    expect(config.database.url).toBeNull();
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.fetch.maxRedirects).toBe(5);
    expect(config.collect.defaultEveryMinutes).toBe(15);
  });

  it('lets the VAKSAM_CONFIG file override defaults and env override the file', () => {
    const file = tempFile('local.yaml', 'collect:\n  concurrency: 3\nlog:\n  level: debug\n');
    const config = loadConfig({ env: { VAKSAM_CONFIG: file, LOG_LEVEL: 'warn', DATABASE_URL: 'postgres://x@db/vaksam' } });
    expect(config.collect.concurrency).toBe(3);
    expect(config.log.level).toBe('warn');
    expect(config.database.url).toBe('postgres://x@db/vaksam');
  });

  it('maps VAKSAM_<SECTION>__<KEY> variables onto nested keys with typed values', () => {
    const config = loadConfig({ env: { VAKSAM_FETCH__MAX_BODY_BYTES: '5000', VAKSAM_COLLECT__SEED_DEMO_SOURCES: 'false' } });
    expect(config.fetch.maxBodyBytes).toBe(5000);
    expect(config.collect.seedDemoSources).toBe(false);
  });

  it('reads secrets from <NAME>_FILE', () => {
    const secret = tempFile('db-url', 'postgres://secret@db/vaksam\n');
    expect(loadConfig({ env: { DATABASE_URL_FILE: secret } }).database.url).toBe('postgres://secret@db/vaksam');
  });

  it('fails at load with the key path and what was expected', () => {
    const file = tempFile('bad.yaml', 'collect:\n  concurrency: "many"\n  unknownKey: 1\n');
    expect(() => loadConfig({ env: { VAKSAM_CONFIG: file } })).toThrowError(ConfigError);
    try {
      loadConfig({ env: { VAKSAM_CONFIG: file } });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('collect.concurrency');
      expect(message).toMatch(/expected number/i);
      expect(message).toContain('unknownKey');
      expect(message).toContain(file);
    }
  });

  it('rejects a non-postgres DATABASE_URL and names the key', () => {
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrowError(/database\.url/);
  });

  it('refuses a disabled SSRF guard in production', () => {
    expect(() =>
      loadConfig({ env: { VAKSAM_ENV: 'production', VAKSAM_FETCH__ALLOW_PRIVATE_NETWORKS: '["127.0.0.1/32"]' }, overrides: { env: 'production' } }),
    ).toThrowError(/fetch\.allowPrivateNetworks/);
  });

  it('ignores prototype-polluting keys in files and refuses them in env paths', () => {
    const file = tempFile('proto.yaml', '__proto__:\n  polluted: true\ncollect:\n  concurrency: 2\n');
    const config = loadConfig({ env: { VAKSAM_CONFIG: file } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(config.collect.concurrency).toBe(2);
    expect(() => loadConfig({ env: { VAKSAM___PROTO____X: '1' } })).toThrowError(ConfigError);
  });

  it('returns a frozen config', () => {
    const config = loadConfig({ env: {} });
    expect(Object.isFrozen(config.fetch)).toBe(true);
  });

  it('reads channel secrets from the environment or files and never prints them', () => {
    const secretFile = tempFile('hook-secret', 'whsec-file-0123456789abcdef0123456789\n');
    const config = loadConfig({
      env: {
        VAKSAM_CHANNELS__SECURITY__KIND: 'teams',
        VAKSAM_CHANNELS__SECURITY__URL: 'https://prod.example.logic.azure.com/workflows/abc/triggers/manual?sig=TOPSECRET',
        VAKSAM_CHANNELS__SECURITY__ROLES: '["security"]',
        VAKSAM_CHANNELS__SOC__KIND: 'webhook',
        VAKSAM_CHANNELS__SOC__URL: 'https://soc.kommun.example.se/vaksam',
        VAKSAM_CHANNELS__SOC__SECRET_FILE: secretFile,
        VAKSAM_CHANNELS__SOC__ROLES: '["security","admin"]',
        VAKSAM_ADMIN_EMAIL: 'chef@kommun.example.se',
      },
    });
    expect(config.channels.soc).toMatchObject({ kind: 'webhook', secret: 'whsec-file-0123456789abcdef0123456789', escalation: false, ratePerMinute: 20 });
    expect(config.alerts.adminEmail).toBe('chef@kommun.example.se');
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toMatch(/TOPSECRET|workflows|whsec-file/);
    expect(printed).toContain('"url":"https://prod.example.logic.azure.com/[redacted]"');
  });

  it.each([
    [{ kind: 'slack', url: 'http://hooks.slack.example/x', roles: ['security'] }, /must be an https:\/\/ URL/],
    [{ kind: 'webhook', url: 'https://x.example', secret: 'short', roles: ['security'] }, /secret: must be at least 32 characters/],
    [{ kind: 'sms', url: 'https://sms.example', to: ['0701234567'], roles: ['security'] }, /E\.164/],
    [{ kind: 'teams', url: 'https://x.example', roles: ['boss'] }, /roles/],
  ])('refuses a channel that cannot work, naming the key: %j', (channel, message) => {
    expect(() => loadConfig({ env: {}, overrides: { channels: { bad: channel } } })).toThrowError(message);
  });

  it('redacts passwords in URLs when printed', () => {
    const config = loadConfig({ env: { DATABASE_URL: 'postgres://u:hunter2@db/vaksam' } });
    expect(JSON.stringify(redactConfig(config))).not.toContain('hunter2');
  });
});
