import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts, runAlertTick, type AlertDeps } from '../../src/alerts/index.js';
import { queryRows } from '../../src/db/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { addNarrative, addNarrativeMatch, addPost, addRecipient, addSource, alertRows, outboxRows, testAlertDeps } from './fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let clock = new Date('2026-11-23T10:00:00Z');
let mastodon: number;
let telegram: number;

const deps = (): AlertDeps => testAlertDeps(database.db, () => clock);

const minutesAgo = (m: number) => new Date(clock.getTime() - m * 60_000);

async function spreading(sourceId: number, platform: string, language: string, slug: string, at: Date, text = 'socialen tar barnen') {
  const id = await addPost(database.db, { sourceId, platform, language, text, at });
  await addNarrativeMatch(database.db, id, slug, at);
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  mastodon = await addSource(database.db, 'mastodon');
  telegram = await addSource(database.db, 'telegram');
  await addNarrative(database.db, 'child-kidnapping', {
    title: { sv: 'Socialtjänsten kidnappar barn', en: 'Social services kidnap children' },
    counterFacts: { sv: 'Vård enligt LVU beslutas av förvaltningsrätten.', en: 'Care under LVU is decided by a court.', ar: 'تقرر المحكمة الإدارية الرعاية' },
  });
  await addRecipient(database.db, { email: 'komm@kommun.example.se', roles: ['communications'] });
  await addRecipient(database.db, { email: 'foster@kommun.example.se', roles: ['communications'], language: 'en', narratives: ['foster-abuse'] });
  // Baseline: one spreading post an hour over the 12 hours before the window.
  for (let h = 2; h <= 12; h++) await spreading(mastodon, 'mastodon', 'sv', 'child-kidnapping', minutesAgo(h * 60));
});

afterAll(async () => {
  await database.drop();
});

describe('narrative surges end to end', () => {
  it('sends communicators one email with counts, platforms, languages, examples and counter-facts', async () => {
    const ids = [];
    for (let i = 0; i < 9; i++) ids.push(await spreading(mastodon, 'mastodon', 'sv', 'child-kidnapping', minutesAgo(50 - i)));
    for (let i = 0; i < 6; i++) ids.push(await spreading(telegram, 'telegram', 'ar', 'child-kidnapping', minutesAgo(30 - i), `السوسيال يخطف أطفالنا ${i}`));
    for (let i = 0; i < 5; i++) {
      const id = await addPost(database.db, { sourceId: mastodon, at: minutesAgo(10) });
      await addNarrativeMatch(database.db, id, 'child-kidnapping', minutesAgo(10), 'countering');
      ids.push(id);
    }
    expect(await checkPosts(deps(), ids)).toEqual({ threats: 0, surges: 1 });
    const [alert] = await alertRows(database.db);
    expect(alert).toMatchObject({ kind: 'surge', subject: 'child-kidnapping', dedupeKey: `surge:child-kidnapping:social:${clock.toISOString()}:0` });
    expect(alert!.payload).toMatchObject({ window: 15, expected: 2, ratio: 7.5, platforms: [{ name: 'mastodon', count: 9 }, { name: 'telegram', count: 6 }] });
    const rows = await outboxRows(database.db);
    expect(rows.map((r) => r.toAddress)).toEqual(['komm@kommun.example.se']);
    const email = rows[0]!;
    expect(email.subject).toBe('Ökning: Socialtjänsten kidnappar barn – 15 inlägg senaste timmen (7,5× normalt)');
    // Surges count distinct accounts by default (issue 18); these 15 posts have 15 authors and 15 texts.
    expect(email.text).toContain('15 konton spred berättelsen senaste timmen. Normalt 2 – 7,5× så många.');
    expect(email.text).toContain('15 inlägg · 15 texter · 15 konton');
    expect(email.text).toContain('Plattformar: mastodon 9 · telegram 6');
    expect(email.text).toContain('Språk: svenska 9 · arabiska 6');
    expect(email.text).toContain('> Vård enligt LVU beslutas av förvaltningsrätten.');
    expect(email.text).toContain('> تقرر المحكمة الإدارية الرعاية');
    expect(email.html).toContain('href="https://vaksam.example.se/posts?narrative=child-kidnapping&#38;days=1"');
    expect(email.html).toContain('href="https://vaksam.example.se/narratives/child-kidnapping"');
    expect(email.html.match(/<div style="margin:10px 0;padding:8px 10px/g)).toHaveLength(5);
  });

  it('tells one episode once however many batches feed it, then sums up its growth at most once per follow-up period', async () => {
    const firstAlert = clock;
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect((await runAlertTick(deps())).surges).toBe(0);
    for (let i = 0; i < 10; i++) await spreading(telegram, 'telegram', 'ar', 'child-kidnapping', minutesAgo(3));
    expect((await runAlertTick(deps())).surges).toBe(0); // 25 < 2 × 15
    const more = [];
    for (let i = 0; i < 6; i++) more.push(await spreading(telegram, 'telegram', 'ar', 'child-kidnapping', minutesAgo(2)));
    // Doubled (31 ≥ 30), but five minutes after the first email: the episode is told once, growth waits.
    expect(await checkPosts(deps(), more)).toEqual({ threats: 0, surges: 0 });
    clock = new Date(firstAlert.getTime() + 60 * 60_000);
    const later = [];
    for (let i = 0; i < 20; i++) later.push(await spreading(telegram, 'telegram', 'ar', 'child-kidnapping', minutesAgo(1)));
    expect(await checkPosts(deps(), later)).toEqual({ threats: 0, surges: 1 });
    expect(await checkPosts(deps(), later)).toEqual({ threats: 0, surges: 0 });
    const alerts = await alertRows(database.db);
    expect(alerts.map((a) => a.dedupeKey.split(':').pop())).toEqual(['0', '1']);
    expect(alerts[1]!.payload).toMatchObject({ reason: 'growth', window: 36 });
    const summary = (await outboxRows(database.db)).filter((r) => r.alertId === alerts[1]!.id);
    expect(summary.map((r) => r.subject)).toEqual(['Ökningen fortsätter: Socialtjänsten kidnappar barn – 36 inlägg senaste timmen']);
    const first = (await outboxRows(database.db)).find((r) => r.alertId === alerts[0]!.id)!;
    expect(summary[0]!.headers.References).toBe(first.headers.References);
  });

  it('tells subscribers when a narrative shows up on a new platform and language, under the floor', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await spreading(telegram, 'tiktok', 'ar', 'foster-abuse', minutesAgo(5)));
    expect(await checkPosts(deps(), ids)).toEqual({ threats: 0, surges: 1 });
    const alert = (await alertRows(database.db)).find((a) => a.subject === 'foster-abuse')!;
    expect(alert.payload).toMatchObject({ reason: 'new-channel', newPlatforms: ['tiktok'], newLanguages: ['ar'] });
    const emails = (await outboxRows(database.db)).filter((r) => r.alertId === alert.id);
    expect(emails.map((e) => [e.toAddress, e.subject])).toEqual([
      ['komm@kommun.example.se', 'Ny kanal: foster-abuse – nu även tiktok, arabiska'],
      ['foster@kommun.example.se', 'New channel: foster-abuse – now also tiktok, Arabic'],
    ]);
  });

  it('ends the episode when the posts stop', async () => {
    clock = new Date(clock.getTime() + 6 * 3_600_000);
    await runAlertTick(deps());
    const states = await queryRows<{ start: string | null }>(database.db, sql`select state->>'episodeStart' as start from alert_state order by key`);
    expect(states.map((s) => s.start)).toEqual([null, null]);
  });
});
