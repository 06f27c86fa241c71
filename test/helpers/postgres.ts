import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { packageRoot } from '../../src/config/index.js';
import { openDatabase, type Database } from '../../src/db/index.js';

/** The server tests run against; override with TEST_DATABASE_URL (a database on it is used only to create others). */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Named after the migrations' content, so a changed schema gets a fresh template and old runs don't clash. */
export function templateName(): string {
  const dir = join(packageRoot(), 'drizzle');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) hash.update(readFileSync(join(dir, file)));
  return `vaksam_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/** Creates the migrated template database once per schema version (called from vitest's globalSetup). */
export async function ensureTemplate(): Promise<void> {
  const name = templateName();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(4242001)`;
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) {
      const building = `${name}_build_${randomBytes(3).toString('hex')}`;
      await admin.unsafe(`create database "${building}"`);
      const db = await openDatabase({ url: databaseUrl(building), dataDir: '', poolSize: 1 });
      await db.migrate();
      await db.close();
      await admin.unsafe(`alter database "${building}" rename to "${name}"`);
    }
    await admin`select pg_advisory_unlock(4242001)`;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** A fresh, migrated database of its own for one test file; `drop()` removes it. */
export async function createTestDatabase(poolSize = 5): Promise<Database & { name: string; url: string; drop(): Promise<void> }> {
  const name = `vaksam_t_${randomBytes(5).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${templateName()}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = databaseUrl(name);
  const database = await openDatabase({ url, dataDir: '', poolSize });
  return {
    ...database,
    name,
    url,
    async drop() {
      await database.close();
      const dropper = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
