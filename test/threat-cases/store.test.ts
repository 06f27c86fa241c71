import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, watchlistEntries } from '../../src/db/schema/index.js';
import {
  addWatchlistEntry,
  deriveWatchlistKey,
  listWatchlist,
  loadStoredThreatRules,
  loadWatchlistKey,
  removeWatchlistEntry,
  restoreThreatRules,
  saveThreatRules,
  ThreatDetectorCache,
  threatRulesHistory,
  threatsConfigSchema,
  WatchlistEntryNotFoundError,
  WatchlistKeyError,
} from '../../src/threat-cases/index.js';
import type { ThreatRules } from '../../src/threats/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { shippedRules } from '../threats/rules.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
const key = deriveWatchlistKey(randomBytes(32));

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'vaksam-watchlist-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
});

describe('threat rule versions', () => {
  let shipped: ThreatRules;
  beforeAll(async () => {
    shipped = await shippedRules();
  });

  it('saves a new version only when the rules change, each save audited', async () => {
    expect(await saveThreatRules(database.db, shipped, { actor: 'admin', reason: 'seed' })).toEqual({ version: 1, changed: true });
    expect(await saveThreatRules(database.db, shipped, { actor: 'admin', reason: 'again' })).toEqual({ version: 1, changed: false });
    const fewer = { files: shipped.files.filter((f) => f.lang !== 'any') };
    expect(await saveThreatRules(database.db, fewer, { actor: 'bo', reason: 'no emoji' })).toEqual({ version: 2, changed: true });
    expect((await threatRulesHistory(database.db)).map((h) => [h.version, h.createdBy, h.reason])).toEqual([
      [2, 'bo', 'no emoji'],
      [1, 'admin', 'seed'],
    ]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.subject, 'threat-rules'));
    expect(audit.map((a) => a.action)).toEqual(['threat-rules.create', 'threat-rules.update']);
  });

  it('restores an old version as a new one and the detector cache follows', async () => {
    const cache = new ThreatDetectorCache(database.db, { rulesDir: 'config/threats', watchlistKey: null });
    const before = await cache.get();
    expect(before.detector.assess({ text: 'Soc 🔪 ikväll, vi vet var ni bor' }).signals.some((s) => s.kind === 'means')).toBe(false);
    expect(await restoreThreatRules(database.db, 1, { actor: 'admin', reason: 'emoji back' })).toEqual({ version: 3, changed: true });
    const after = await cache.get();
    expect(after.version).not.toBe(before.version);
    expect(after.detector.assess({ text: 'Soc 🔪 ikväll, vi vet var ni bor' }).signals.some((s) => s.kind === 'means')).toBe(true);
    expect((await loadStoredThreatRules(database.db))?.fingerprint).toBe(after.version);
  });
});

describe('staff watchlist at rest', () => {
  it('stores the value sealed and its match keys hashed, never in the clear or in the audit log', async () => {
    const added = await addWatchlistEntry(database.db, key, { kind: 'name', value: 'Lena Berg', actor: 'säk' });
    expect(added.masked).toBe('L*** B***');
    const rows = JSON.stringify(await database.db.select().from(watchlistEntries));
    expect(rows.toLowerCase()).not.toMatch(/lena|berg/u);
    const audit = JSON.stringify(await database.db.select().from(auditLog).where(eq(auditLog.action, 'watchlist.add')));
    expect(audit).not.toMatch(/Lena|L\*\*\*/u);
  });

  it('lists entries masked and marks those sealed with another key', async () => {
    await addWatchlistEntry(database.db, deriveWatchlistKey(randomBytes(32)), { kind: 'address', value: 'Storgatan 12', actor: 'säk' });
    expect((await listWatchlist(database.db, key)).map((e) => [e.kind, e.masked])).toEqual([
      ['name', 'L*** B***'],
      ['address', '(sealed with another key)'],
    ]);
  });

  it('matches stored names through the detector cache and forgets removed ones', async () => {
    const cache = new ThreatDetectorCache(database.db, { rulesDir: 'config/threats', watchlistKey: key });
    const text = 'Lena Berg på socialen, hennes nummer är 070-123 45 67';
    const first = await cache.get();
    expect(first.watchlistOtherKey).toBe(1);
    expect(first.detector.assess({ text }).signals.some((s) => s.kind === 'watchlist')).toBe(true);
    const [entry] = await listWatchlist(database.db, key);
    await removeWatchlistEntry(database.db, entry?.id as number, 'säk');
    expect((await cache.get()).detector.assess({ text }).signals.some((s) => s.kind === 'watchlist')).toBe(false);
    await expect(removeWatchlistEntry(database.db, entry?.id as number, 'säk')).rejects.toBeInstanceOf(WatchlistEntryNotFoundError);
  });

  it('creates a key file readable by its owner only, and reads the same key back', async () => {
    const settings = threatsConfigSchema.parse({});
    expect(await loadWatchlistKey(settings, dir)).toBeNull();
    const created = await loadWatchlistKey(settings, dir, { create: true });
    expect(((await stat(join(dir, 'watchlist.key'))).mode & 0o777).toString(8)).toBe('600');
    expect((await loadWatchlistKey(settings, dir))?.keyId).toBe(created?.keyId);
    expect((await readFile(join(dir, 'watchlist.key'), 'utf8')).trim()).toHaveLength(44);
  });

  it('takes the key from config and rejects one of the wrong size', async () => {
    const configured = threatsConfigSchema.parse({ watchlistKey: randomBytes(32).toString('hex') });
    expect(await loadWatchlistKey(configured, dir)).not.toBeNull();
    await expect(loadWatchlistKey(threatsConfigSchema.parse({ watchlistKey: 'c2hvcnQ=' }), dir)).rejects.toBeInstanceOf(WatchlistKeyError);
  });
});
