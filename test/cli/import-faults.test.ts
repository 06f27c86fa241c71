import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { cli } from '../helpers/cli.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const prefix = testPrefix();
const dir = mkdtempSync(join(tmpdir(), 'vaksam-import-faults-'));
const REFUSED = 'vägrad-rad-91c2';

function jsonl(name: string, rows: Array<Record<string, string>>): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

async function textsOf(platform: string): Promise<string[]> {
  const rows = await database.db.select({ text: schema.posts.text }).from(schema.posts).where(eq(schema.posts.platform, platform));
  return rows.map((r) => r.text).sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Stands for any row the database refuses.
  await database.db.execute(sql.raw(`alter table posts add constraint refuses_row check (position('${REFUSED}' in text) = 0)`));
  env = { DATABASE_URL: database.url, REDIS_URL, VAKSAM_REDIS__PREFIX: prefix, LOG_LEVEL: 'error' };
});
afterAll(async () => {
  await deletePrefix(prefix);
  await database.drop();
});

describe('vaksam import of hostile files', () => {
  it('stores a line with a NUL without it and says how many characters were removed', async () => {
    const file = jsonl('nul.jsonl', [
      { id: '1', platform: 'nul', text: 'ett\u0000två' },
      { id: '2', platform: 'nul', text: 'vanlig' },
    ]);
    const run = await cli(['import', '--format', 'jsonl', file], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 row\(s\) read: 2 stored/);
    expect(run.stderr).toMatch(/removed 1 character\(s\) PostgreSQL cannot store/);
    expect(await textsOf('nul')).toEqual(['etttvå', 'vanlig']);
  });

  it('reports the line the database refuses and stores the other lines of the batch', async () => {
    const file = jsonl('refused.jsonl', [
      { id: '1', platform: 'refused', text: 'första' },
      { id: '2', platform: 'refused', text: `andra ${REFUSED}` },
      { id: '3', platform: 'refused', text: 'tredje' },
    ]);
    const run = await cli(['import', '--format', 'jsonl', file], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 row\(s\) read: 2 stored, 0 updated, 0 duplicate\(s\), 1 rejected/);
    expect(run.stdout).toMatch(/line 2: database refused the statement \(SQLSTATE 23514, table posts, constraint refuses_row\)/);
    expect(run.stdout + run.stderr).not.toContain(REFUSED);
    expect(await textsOf('refused')).toEqual(['första', 'tredje']);
  });

  it('says how many bytes were not UTF-8 and suggests --encoding for a Latin-1 file', async () => {
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from('id,platform,text\n1,latin,Socialtj\xe4nsten i V\xe4ster\xe5s\n', 'latin1'));
    const run = await cli(['import', '--format', 'csv', file], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: 3 byte sequence\(s\) were not valid UTF-8 .*--encoding latin1/);
    const again = await cli(['import', '--format', 'csv', '--encoding', 'latin1', file], env);
    expect(again.stdout).toMatch(/1 updated/);
    expect(again.stderr).not.toMatch(/warning/);
    expect(await textsOf('latin')).toEqual(['Socialtjänsten i Västerås']);
  });
});
