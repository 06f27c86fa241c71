import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
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

  it('stores the original of X retweets once, with every retweeter and the share count, and counts nothing twice on re-import (issue 16)', async () => {
    const retweets = 'test/fixtures/import/x-api-v2-retweets.jsonl';
    const run = await cli(['import', '--format', 'x', retweets], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/5 retweet\(s\) stored as their original post/);
    const stored = (await database.db.select().from(schema.posts)).filter((post) => post.externalId.startsWith('17000000000000'));
    expect(stored.map((post) => post.externalId).sort()).toEqual(['1700000000000000001', '1700000000000000002', '1700000000000000106', '1700000000000000200']);
    const original = stored.find((post) => post.externalId === '1700000000000000001')!;
    expect(original.text).toMatch(/#LVU #socialtjänsten #faktakoll https:\/\/kommun\.example\.se\/lvu$/);
    expect(original.metadata).toMatchObject({ shareCount: 4 });
    expect((original.metadata.sharedBy as Array<{ by: string }>).map((share) => share.by)).toEqual(['anna_rt', 'bo_rt', 'cia_rt', 'dan_rt']);
    const again = JSON.parse((await cli(['import', '--format', 'x', retweets, '--json'], env)).stdout);
    expect(again).toMatchObject({ stored: 0, updated: 0, originalsShared: 0 });
    const [after] = await database.db.select().from(schema.posts).where(eq(schema.posts.id, original.id));
    expect(after!.metadata).toMatchObject({ shareCount: 4 });
  });
});
