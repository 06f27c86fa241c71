import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { cli } from '../helpers/cli.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const prefix = testPrefix();
const file = join(mkdtempSync(join(tmpdir(), 'vaksam-import-')), 'posts.csv');

beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATABASE_URL: database.url, REDIS_URL, VAKSAM_REDIS__PREFIX: prefix, LOG_LEVEL: 'error' };
  writeFileSync(
    file,
    [
      'id,platform,url,author,published_at,text,lang',
      '1,x,https://x.com/a/status/1,a,2026-11-20T10:00:00Z,"Socialtjänsten kidnappar barn, sprid!",sv',
      '2,facebook,https://facebook.com/p/2,b,2026-11-21T10:00:00Z,"En rad med ""citat"" och',
      'radbrytning",sv',
      '3,x,,c,not-a-date,,en',
    ].join('\n'),
  );
});
afterAll(async () => {
  await deletePrefix(prefix);
  await database.drop();
});

describe('vaksam import', () => {
  it('stores accepted rows per platform, reports rejected rows by line, and shows progress', async () => {
    const run = await cli(['import', '--format', 'csv', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 row\(s\) read: 2 stored, 0 updated, 0 duplicate\(s\), 1 rejected/);
    expect(run.stdout).toMatch(/line 5: /);
    expect(run.stderr).toMatch(/importing: 100%/);
    const posts = await database.db.select().from(schema.posts);
    expect(posts.map((p) => p.platform).sort()).toEqual(['facebook', 'x']);
    expect(posts.find((p) => p.platform === 'facebook')!.text).toBe('En rad med "citat" och\nradbrytning');
  });

  it('stores nothing twice when the same file is imported again', async () => {
    const run = await cli(['import', '--format', 'csv', file, '--json'], env);
    expect(JSON.parse(run.stdout)).toMatchObject({ stored: 0, duplicates: 2, rejected: 1 });
  });

  it('keeps import sources out of the schedule', async () => {
    const list = await cli(['sources', 'list', '--json'], env);
    const sources = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(sources.map((s) => [s.kind, s.name, s.enabled])).toEqual(
      expect.arrayContaining([
        ['import', 'import: x', false],
        ['import', 'import: facebook', false],
      ]),
    );
  });

  it('names the formats when given an unknown one', async () => {
    const run = await cli(['import', '--format', 'myspace', file], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/formats: x, meta-csv, tiktok, csv, jsonl/);
  });
});
