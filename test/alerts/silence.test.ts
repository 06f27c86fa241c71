import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSilentSources, runAlertTick, type AlertDeps, type SourceActivity } from '../../src/alerts/index.js';
import { schema } from '../../src/db/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { addPost, addRecipient, alertRows, outboxRows } from './fixtures.js';
import { alertsConfigSchema } from '../../src/config/index.js';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const settings = { afterHours: 24, historyDays: 14, minActiveDays: 7 };
const source = (extra: Partial<SourceActivity>): SourceActivity => ({ sourceId: 1, enabled: true, activeDays: 14, lastItemsAt: hoursAgo(30), lastSuccessAt: hoursAgo(1), ...extra });

describe('findSilentSources', () => {
  it.each([
    ['a daily source silent for 30 hours', source({}), 'no-items'],
    ['one whose runs all failed since', source({ lastSuccessAt: hoursAgo(40) }), 'errors'],
    ['one that never succeeded', source({ lastSuccessAt: null }), 'errors'],
    ['a source with items 10 hours ago', source({ lastItemsAt: hoursAgo(10) }), null],
    ['a weekly blog', source({ activeDays: 2 }), null],
    ['a paused source', source({ enabled: false }), null],
    ['a source that never had items', source({ lastItemsAt: null }), null],
  ])('%s → %s', (_name, activity, reason) => {
    const [finding] = findSilentSources([activity], settings, now);
    expect(finding?.reason ?? null).toBe(reason);
  });

  it('keys the alert on the silence, so one silence is one alert', () => {
    const [finding] = findSilentSources([source({})], settings, now);
    expect(finding!.dedupeKey).toBe(`silence:source:1:${hoursAgo(30).toISOString()}`);
  });
});

describe('silent sources end to end', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('tells admins once that a daily source went quiet because its runs fail', async () => {
    const [row] = await database.db
      .insert(schema.sources)
      .values({ kind: 'feed', name: 'Kommunen', url: 'https://kommun.example.se/rss', identityKey: 'k', everyMinutes: 60, lastItemsAt: hoursAgo(30), lastSuccessAt: hoursAgo(31), lastErrorAt: hoursAgo(1), lastErrorCode: 'FETCH_HTTP_4XX', lastError: 'HTTP 403' })
      .returning();
    for (let d = 2; d <= 12; d++) await addPost(database.db, { sourceId: row!.id, platform: 'feed', at: hoursAgo(24 * d) });
    await addRecipient(database.db, { email: 'admin@kommun.example.se', roles: ['admin'] });
    await addRecipient(database.db, { email: 'komm@kommun.example.se', roles: ['communications'] });
    const deps: AlertDeps = { db: database.db, log: silentLogger, now: () => now, settings: alertsConfigSchema.parse({}), uiBaseUrl: 'https://vaksam.example.se', from: 'Vaksam <v@example.se>', notifyMail: async () => {} };
    expect((await runAlertTick(deps)).silentSources).toBe(1);
    expect((await runAlertTick(deps)).silentSources).toBe(0);
    const [alert] = await alertRows(database.db);
    expect(alert).toMatchObject({ kind: 'source-silence', severity: 'high', subject: `source:${row!.id}` });
    const emails = await outboxRows(database.db);
    expect(emails.map((e) => e.toAddress)).toEqual(['admin@kommun.example.se']);
    expect(emails[0]!.subject).toBe('Källa tyst: Kommunen');
    expect(emails[0]!.text).toContain('Alla körningar har misslyckats under tiden');
    expect(emails[0]!.text).toContain('Brukar ge inlägg: 11 av 14 dagar');
    expect(emails[0]!.text).toContain('Senaste fel: FETCH_HTTP_4XX HTTP 403');
  });
});
