import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, packageRoot } from '../../src/config/index.js';

// Docker does not run on CI: the compose file is checked as data, including that Vaksam accepts its environment.
const compose = parse(readFileSync(join(packageRoot(), 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown; ports?: string[] }>;
  volumes: Record<string, unknown>;
};
const { services } = compose;

describe('docker-compose.yml', () => {
  it('has postgres, redis, mailpit and the vaksam worker', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'mailpit', 'vaksam', 'worker']));
  });

  it('runs Redis with noeviction and append-only persistence', () => {
    const command = services.redis!.command!.join(' ');
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(command).toMatch(/--appendonly yes/);
  });

  it('points Vaksam at the compose services with matching credentials', () => {
    const env = services.vaksam!.environment!;
    const pg = services.postgres!.environment!;
    const db = new URL(env.DATABASE_URL!);
    expect(db.hostname).toBe('postgres');
    expect(decodeURIComponent(db.username)).toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(db.password)).toBe(pg.POSTGRES_PASSWORD);
    expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
    const smtp = new URL(env.SMTP_URL!);
    expect(smtp.hostname).toBe('mailpit');
    expect(services.mailpit!.ports).toContain(`${smtp.port}:${smtp.port}`);
  });

  it('gives Vaksam an environment its config loader accepts', () => {
    const config = loadConfig({ env: services.vaksam!.environment! });
    expect(config.env).toBe('production');
    expect(config.database.url).toContain('@postgres:5432/');
  });

  it('starts Vaksam only after Postgres and Redis are healthy, and both have health checks', () => {
    const deps = services.vaksam!.depends_on!;
    expect(deps.postgres!.condition).toBe('service_healthy');
    expect(deps.redis!.condition).toBe('service_healthy');
    expect(services.postgres!.healthcheck).toBeDefined();
    expect(services.redis!.healthcheck).toBeDefined();
  });

  it('runs the CLI entry point that package.json builds', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(services.vaksam!.command!.join(' ')).toContain(`node ${pkg.bin.vaksam} start`);
    expect(services.worker!.command!.join(' ')).toMatch(/worker --queues \S+/);
  });

  it('declares every named volume it mounts', () => {
    for (const name of ['postgres-data', 'redis-data', 'vaksam-node-modules']) expect(compose.volumes).toHaveProperty(name);
  });
});
