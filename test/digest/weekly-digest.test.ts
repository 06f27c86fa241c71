import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecipients } from '../../src/alerts/index.js';
import { schema } from '../../src/db/index.js';
import { parseIsoWeek, previewDigest, sendDueDigests, sendWeeklyDigests, type DigestDeps } from '../../src/digest/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { addNarrative, addNarrativeMatch, addPost, addRecipient, addSource, addThreat, alertRows, outboxRows } from '../alerts/fixtures.js';
import { alertsConfigSchema, digestConfigSchema } from '../../src/config/index.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let clock = new Date('2026-11-23T06:00:00Z'); // Monday 07:00 in Stockholm
const W47 = parseIsoWeek('2026-W47'); // 16–22 November 2026

const deps = (): DigestDeps => ({
  db: database.db,
  log: silentLogger,
  now: () => clock,
  settings: alertsConfigSchema.parse({}),
  uiBaseUrl: 'https://vaksam.example.se',
  digest: digestConfigSchema.parse({}),
  from: 'Vaksam <larm@vaksam.example.se>',
  notifyMail: async () => {},
});

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 10, d, h));

beforeAll(async () => {
  database = await createTestDatabase();
  const source = await addSource(database.db, 'telegram');
  await database.db.insert(schema.sources).values({ kind: 'feed', name: 'Trasig', url: 'https://example.org/rss', identityKey: 'trasig', everyMinutes: 15, health: 'unhealthy', lastErrorCode: 'FETCH_HTTP_4XX' });
  await addNarrative(database.db, 'child-kidnapping', { title: { sv: 'Socialtjänsten kidnappar barn', en: 'Social services kidnap children' }, counterFacts: { sv: 'Domstolen beslutar.', en: 'A court decides.' } });
  // Week 46: 4 spreading posts. Week 47: 10 spreading (trend +150 %), 2 countering, and a narrative new this week.
  for (let i = 0; i < 4; i++) await addNarrativeMatch(database.db, await addPost(database.db, { sourceId: source, at: day(10) }), 'child-kidnapping', day(10));
  for (let i = 0; i < 10; i++) await addNarrativeMatch(database.db, await addPost(database.db, { sourceId: source, text: `Sprider ${i}`, at: day(16 + (i % 7)) }), 'child-kidnapping', day(16 + (i % 7)), 'spreading', 0.5 + i / 100);
  for (let i = 0; i < 2; i++) await addNarrativeMatch(database.db, await addPost(database.db, { sourceId: source, at: day(18) }), 'child-kidnapping', day(18), 'countering');
  await addNarrativeMatch(database.db, await addPost(database.db, { sourceId: source, at: day(21) }), 'foster-abuse', day(21));
  // Two posts of genuine concern (issue 20): listed apart, never counted as spreading.
  for (let i = 0; i < 2; i++) await addNarrativeMatch(database.db, await addPost(database.db, { sourceId: source, text: `Vi har väntat i månader på svar från handläggaren ${i}`, at: day(17) }), 'child-kidnapping', day(17), 'concern', 0.6 + i / 100);
  await addThreat(database.db, await addPost(database.db, { sourceId: source, text: 'jag bränner kontoret ikväll', at: day(19) }), 'critical', day(19));
  await addThreat(database.db, await addPost(database.db, { sourceId: source, at: day(20) }), 'medium', day(20), ['mobilization']);
  await addThreat(database.db, await addPost(database.db, { sourceId: source, at: day(12) }), 'high', day(12));
  // Review queue: besides the three cases above (all new), two opened in week 47 (one escalated, one still new) and
  // one older case still acknowledged.
  const caseRow = (groupKey: string, status: 'new' | 'acknowledged' | 'escalated', at: Date) => ({ groupKey, level: 'high' as const, status, postCount: 1, createdAt: at, updatedAt: at, statusChangedAt: at });
  await database.db.insert(schema.threatCases).values([caseRow('g1', 'escalated', day(19)), caseRow('g2', 'new', day(20)), caseRow('g0', 'acknowledged', day(5))]);
  await addRecipient(database.db, { email: 'komm@kommun.example.se', roles: ['communications'] });
  await addRecipient(database.db, { email: 'sec@kommun.example.se', roles: ['security'], language: 'en' });
  await addRecipient(database.db, { email: 'admin@kommun.example.se', roles: ['admin'] });
});

afterAll(async () => {
  await database.drop();
});

describe('weekly digest', () => {
  it('sends each recipient one digest shaped by their role', async () => {
    expect(await sendDueDigests(deps())).toBe(3);
    const rows = await outboxRows(database.db);
    const byAddress = new Map(rows.map((r) => [r.toAddress, r]));

    const comms = byAddress.get('komm@kommun.example.se')!;
    expect(comms.subject).toBe('Veckosammanfattning 2026-W47: 11 spridande inlägg, 2 hot');
    expect(comms.text).toContain('Socialtjänsten kidnappar barn | 10 | 10 | 10 | +150 % | 2');
    expect(comms.text).toContain('foster-abuse | 1 | 1 | 1 | ny | 0');
    expect(comms.text).toContain('Nya denna vecka: foster-abuse');
    expect(comms.text).toContain('> Domstolen beslutar.');
    expect(comms.attachments).toHaveLength(1);
    expect(comms.attachments[0]).toMatchObject({ cid: 'daily-chart@vaksam', contentType: 'image/png' });
    expect(comms.html).toContain('src="cid:daily-chart@vaksam"');
    expect(comms.text).not.toContain('== Hot ==');
    expect(comms.text).toContain('== Oro och kritik ==');
    expect(comms.text).toContain('Berör | Inlägg');
    expect(comms.text).toContain('Socialtjänsten kidnappar barn | 2');
    expect(comms.text).toContain('Vi har väntat i månader på svar från handläggaren 1');
    expect(comms.text.indexOf('Vi har väntat i månader på svar från handläggaren 1')).toBeGreaterThan(comms.text.indexOf('== Oro och kritik =='));

    const sec = byAddress.get('sec@kommun.example.se')!;
    expect(sec.subject).toBe('Weekly digest 2026-W47: 11 spreading posts, 2 threats');
    expect(sec.text).toContain('Critical | 1 | 0');
    expect(sec.text).toContain('High | 0 | 1');
    expect(sec.text).toContain('jag bränner kontoret ikväll');
    expect(sec.text).toMatch(/Critical · Threat · Case \d+/);
    expect(sec.html).toMatch(/href="https:\/\/vaksam\.example\.se\/threats\/\d+"/);
    expect(sec.html).toContain('href="https://vaksam.example.se/digest/2026-W47"');
    expect(sec.text).toContain('== Review queue ==');
    expect(sec.text).toContain('5 cases are waiting for a verdict.');
    expect(sec.text).toContain('New | 3');
    expect(sec.text).toContain('Reported to police | 1');
    expect(sec.attachments).toHaveLength(0);
    expect(sec.text).not.toContain('== Narratives ==');
    expect(sec.text).not.toContain('== Concerns and criticism ==');

    const admin = byAddress.get('admin@kommun.example.se')!;
    expect(admin.text).toContain('== Källornas hälsa ==');
    expect(admin.text).toContain('• Trasig (nyhetsflöde): ur funktion, FETCH_HTTP_4XX');
    expect(admin.text).toContain('== Berättelser =='); // admins also see the narratives
  });

  it('never sends a second digest for the same recipient and week', async () => {
    expect(await sendDueDigests(deps())).toBe(0);
    expect(await sendWeeklyDigests(deps(), W47)).toBe(0);
    const digests = (await alertRows(database.db)).filter((a) => a.kind === 'digest');
    expect(digests.map((d) => d.dedupeKey).sort()).toEqual([1, 2, 3].map((id) => `digest:2026-W47:recipient:${id}`));
  });

  it('is not due before Monday 07:00 local time', async () => {
    clock = new Date('2026-11-30T05:59:00Z'); // 06:59 CET, week 48's digest
    expect(await sendDueDigests(deps())).toBe(0);
  });

  it('previews a digest without recording it', async () => {
    const [recipient] = await loadRecipients(database.db);
    const before = (await alertRows(database.db)).length;
    const preview = await previewDigest(deps(), recipient!, W47);
    expect(preview.subject).toBe('Veckosammanfattning 2026-W47: 11 spridande inlägg, 2 hot');
    expect(preview.dueAt.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(preview.attachments[0]!.content.subarray(1, 4).toString()).toBe('PNG');
    expect((await alertRows(database.db)).length).toBe(before);
  });
});
