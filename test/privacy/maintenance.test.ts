import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/context.js';
import { loadConfig } from '../../src/config/index.js';
import { auditLog, posts } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log/index.js';
import { maintenanceProcessor } from '../../src/app/workers/maintenance.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { insertPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'vaksam-maintenance-'));
  const env = { DATABASE_URL: database.url, VAKSAM_DATA_DIR: dataDir, VAKSAM_HTTP__ENABLED: 'false', VAKSAM_PRIVACY__UNMATCHED_POST_DAYS: '7' };
  app = await openApp(loadConfig({ env }), silentLogger, { redis: 'none', migrate: false });
});

afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

describe('the daily retention job', () => {
  it('applies the configured periods, keeps the pseudonym key outside the database, and audits the run', async () => {
    const sourceId = await seedSource(database.db);
    const old = await insertPost(database.db, sourceId, { fetchedAt: new Date(app.now().getTime() - 8 * 86_400_000) });
    const recent = await insertPost(database.db, sourceId, { fetchedAt: new Date(app.now().getTime() - 6 * 86_400_000) });
    const outcome = (await maintenanceProcessor(app)({ data: { task: 'threat-retention' } } as Job, 'token')) as Record<string, unknown>;
    expect(outcome).toMatchObject({ task: 'threat-retention', 'unmatched-posts': 1, unfinished: [] });
    expect(await database.db.select().from(posts).where(eq(posts.id, old))).toEqual([]);
    expect(await database.db.select().from(posts).where(eq(posts.id, recent))).toHaveLength(1);
    expect(((await stat(join(dataDir, 'watchlist.key'))).mode & 0o777).toString(8)).toBe('600');
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'retention.apply'))).toHaveLength(1);
  });
});
