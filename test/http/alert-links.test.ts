import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts, queueTestEmail, runAlertTick } from '../../src/alerts/index.js';
import { alertDepsFromApp, uiBaseUrl } from '../../src/app/index.js';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { importCatalogue } from '../../src/catalogue-store/index.js';
import { loadConfig, packageRoot } from '../../src/config/index.js';
import { schema } from '../../src/db/index.js';
import { addWeeks, isoWeekAt, sendWeeklyDigests, type DigestDeps } from '../../src/digest/index.js';
import type { RecipientRole } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addNarrativeMatch, addPost, addRecipient, addSource, addThreat, alertRows, outboxRows } from '../alerts/fixtures.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { join } from 'node:path';

let web: TestWeb;
let deps: DigestDeps;
const clients = new Map<RecipientRole, Client>();
let clock = new Date();
const HOUR = 3_600_000;

beforeAll(async () => {
  // Neither alerts.uiBaseUrl nor http.publicUrl: links must point at the address this server listens on.
  web = await startTestWeb();
  const db = web.app.database.db;
  deps = { ...alertDepsFromApp(web.app), log: silentLogger, now: () => clock, notifyMail: async () => {} };
  await importCatalogue(db, await loadCatalogueDir(join(packageRoot(), 'config', 'narratives')), { actor: 'seed', reason: 'test' });
  for (const [username, role] of [['anna', 'admin'], ['sara', 'security'], ['kim', 'communications']] as const) {
    await web.addUser(username, role);
    const client = new Client(web.url);
    await client.signIn(username);
    clients.set(role, client);
  }
  await addRecipient(db, { email: 'komm@kommun.example.se', roles: ['communications'] });
  await addRecipient(db, { email: 'sakerhet@kommun.example.se', roles: ['security'], minThreatLevel: 'medium' });
  await addRecipient(db, { email: 'admin@kommun.example.se', roles: ['admin'], minThreatLevel: null });
}, 60_000);

afterAll(() => web.close());

/** Records one alert of every kind from stored posts, cases and sources, through the real jobs. */
async function recordEveryKind(): Promise<void> {
  const db = web.app.database.db;
  const social = await addSource(db, 'mastodon');
  // A surge: 15 spreading posts in the last hour over a quiet baseline.
  const spreading = [];
  for (let i = 0; i < 15; i++) {
    const id = await addPost(db, { sourceId: social, text: `Socialtjänsten kidnappar barn ${i}`, at: new Date(clock.getTime() - (40 - i) * 60_000) });
    await addNarrativeMatch(db, id, 'child-kidnapping', clock);
    spreading.push(id);
  }
  // A critical case, opened; a high case that a repost raises to critical; a medium case for the batch.
  const critical = await addPost(db, { sourceId: social, platform: 'telegram', text: 'Vi ska bränna socialkontoret ikväll.', at: clock });
  await addThreat(db, critical, 'critical', clock, ['threat'], [{ kind: 'threat', text: 'bränna socialkontoret', start: 7, end: 28 }]);
  const high = await addPost(db, { sourceId: social, platform: 'telegram', text: 'Vi vet var handläggaren bor.', at: clock });
  await addThreat(db, high, 'high', clock, ['threat']);
  const medium = await addPost(db, { sourceId: social, platform: 'telegram', text: 'Alla till socialkontoret i Rinkeby måndag 9:00', at: clock });
  await addThreat(db, medium, 'medium', clock, ['mobilization']);
  await checkPosts(deps, [...spreading, critical, high, medium]);
  const raise = await addPost(db, { sourceId: social, platform: 'telegram', text: 'Vi vet var handläggaren bor.', at: clock });
  await addThreat(db, raise, 'critical', clock, ['threat']);
  await checkPosts(deps, [raise]);
  // A silent source: items on eight of the last days, none for 30 hours.
  const [silent] = await db
    .insert(schema.sources)
    .values({ kind: 'feed', name: 'Tyst flöde', url: 'https://example.org/tyst.xml', identityKey: 'tyst', everyMinutes: 15, lastItemsAt: new Date(clock.getTime() - 30 * HOUR), lastSuccessAt: new Date(clock.getTime() - HOUR) })
    .returning({ id: schema.sources.id });
  for (let day = 2; day < 10; day++) await addPost(db, { sourceId: silent!.id, at: new Date(clock.getTime() - day * 24 * HOUR) });
  // An hour later: the growth summary, the medium batch, the escalation of the unacknowledged critical case.
  const repost = await addPost(db, { sourceId: social, platform: 'telegram', text: 'Vi ska bränna socialkontoret ikväll.', at: clock });
  await addThreat(db, repost, 'critical', clock, ['threat'], [{ kind: 'threat', text: 'bränna socialkontoret', start: 7, end: 28 }]);
  clock = new Date(clock.getTime() + HOUR);
  await runAlertTick(deps);
  await sendWeeklyDigests(deps, addWeeks(isoWeekAt(clock, 'Europe/Stockholm'), 0));
  await queueTestEmail(deps, 'prov@kommun.example.se');
}

describe('every link in every alert', () => {
  it('leads to a page that exists for the recipient’s role, at the address the server listens on', async () => {
    await recordEveryKind();
    const kinds = new Set((await alertRows(web.app.database.db)).map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['digest', 'escalation', 'source-silence', 'surge', 'test', 'threat', 'threat-batch', 'threat-growth']);
    const recipients = await web.app.database.db.select().from(schema.recipients);
    const checked = new Map<string, number>();
    for (const email of await outboxRows(web.app.database.db)) {
      const recipient = recipients.find((r) => r.id === email.recipientId);
      const $ = load(email.html);
      const hrefs = $('a[href]').map((_i, a) => $(a).attr('href')!).get();
      const own = hrefs.filter((h) => h.startsWith(web.url));
      expect(hrefs.filter((h) => !h.startsWith(web.url)).every((h) => h.startsWith('https://example.org/post/')), `${email.subject}: ${hrefs.join(' ')}`).toBe(true);
      const kind = email.headers['X-Vaksam-Kind'] ?? 'test';
      if (kind !== 'test') expect(own.length, `${kind} email has a link into Vaksam`).toBeGreaterThan(0);
      for (const href of own) {
        const client = clients.get((recipient?.roles[0] ?? 'admin') as RecipientRole)!;
        const reply = await client.get(href.slice(web.url.length), { accept: 'text/html' });
        expect(reply.status, `${kind} → ${href} as ${recipient?.roles[0]}`).toBe(200);
        checked.set(kind, (checked.get(kind) ?? 0) + 1);
      }
    }
    expect([...checked.keys()].sort()).toEqual(['digest', 'escalation', 'source-silence', 'surge', 'threat', 'threat-batch', 'threat-growth']);
  }, 60_000);

  it('takes a signed-out reader through sign-in to the case', async () => {
    const email = (await outboxRows(web.app.database.db)).find((r) => r.headers['X-Vaksam-Kind'] === 'threat')!;
    const href = load(email.html)('a.button, a[href*="/threats/"]').last().attr('href')!;
    const path = href.slice(web.url.length);
    const anonymous = new Client(web.url);
    const first = await anonymous.get(path, { accept: 'text/html' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    await anonymous.signIn('sara');
    expect((await anonymous.get(path, { accept: 'text/html' })).status).toBe(200);
  });
});

describe('the address links point to', () => {
  const config = (alerts: Record<string, unknown>, http: Record<string, unknown>) => loadConfig({ env: {}, overrides: { alerts, http } });

  it('is alerts.uiBaseUrl, else http.publicUrl, else the address the server listens on, else host and port', () => {
    expect(uiBaseUrl({ config: config({ uiBaseUrl: 'https://larm.kommun.se' }, { publicUrl: 'https://vaksam.kommun.se' }) })).toBe('https://larm.kommun.se');
    expect(uiBaseUrl({ config: config({}, { publicUrl: 'https://vaksam.kommun.se' }), webUrl: 'http://127.0.0.1:4321' })).toBe('https://vaksam.kommun.se');
    expect(uiBaseUrl({ config: config({}, {}), webUrl: 'http://127.0.0.1:4321' })).toBe('http://127.0.0.1:4321');
    expect(uiBaseUrl({ config: config({}, { host: '0.0.0.0', port: 9090 }) })).toBe('http://127.0.0.1:9090');
    expect(web.app.webUrl).toBe(web.url);
  });
});
