import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAlertTick } from '../../src/alerts/index.js';
import { listAlerts } from '../../src/db/queries/alerts.js';
import { insertRecipient } from '../../src/db/queries/recipients.js';
import { silentLogger } from '../../src/log/index.js';
import { seedHistory } from '../e2e/history.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';
import { alertsConfigSchema } from '../../src/config/index.js';

let web: TestWeb;
let seeded: Seeded;
let admin: Client;
let alertIds: number[];

/** Codes of levels, statuses, categories, stances, kinds, health and roles that must never reach a Swedish reader. */
const CODES = /\b(none|low|medium|high|critical|new|acknowledged|escalated|dismissed|threat|doxxing|mobilization|hostile|spreading|countering|reporting|healthy|failing|unhealthy|surge|threat-batch|threat-growth|source-silence|digest|pending|sending|sent|failed|unknown|cancelled|social|news|communications|security|admin|viewer|address|place|menace|means|waiting|active|completed|collect|classify|maintenance|alert|mail)\b/;

beforeAll(async () => {
  web = await startTestWeb();
  const now = new Date();
  seeded = await seedContent(web.app.database.db, now);
  await seedHistory(web.app.database.db, seeded.sourceId, now);
  await insertRecipient(
    web.app.database.db,
    { name: 'Sam', email: 'sam@kommun.example.se', language: 'sv', roles: ['security', 'admin'], region: null, quietHours: null, narratives: ['child-kidnapping'], minThreatLevel: 'medium', phone: null, channels: ['email'] },
    now,
  );
  await runAlertTick({ db: web.app.database.db, log: silentLogger, now: () => now, settings: alertsConfigSchema.parse({}), from: 'V <v@kommun.example.se>', uiBaseUrl: web.url, notifyMail: async () => {} });
  alertIds = (await listAlerts(web.app.database.db, { limit: 20 })).map((a) => a.id);
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
}, 60_000);

afterAll(() => web.close());

/** What a reader sees of the page, without post texts (they are quoted as written) and technical detail blocks. */
function readerText(page: string): string {
  const $ = load(page);
  $('main .post-text, main code, main pre, main details, main [dir=auto], main .signals mark, main input, main textarea, main select option[value=""]').remove();
  return $('main').text().replace(/\s+/g, ' ');
}

describe('the Swedish interface', () => {
  it('shows levels, statuses, categories, stances, kinds, health and roles in Swedish on every page', async () => {
    const paths = ['/', '/threats', `/threats/${seeded.caseIds.high}`, `/threats/${seeded.caseIds.medium}`, '/posts?q=barn', `/posts/${seeded.postIds.threat}`, '/sources', `/sources/${seeded.sourceId}`, '/alerts', ...alertIds.map((id) => `/alerts/${id}`), '/recipients', '/queues', '/narratives', '/users', '/watchlist'];
    expect(alertIds.length).toBeGreaterThan(1);
    const found: string[] = [];
    for (const path of paths) {
      const page = await admin.get(path, { accept: 'text/html' });
      expect(page.status, path).toBe(200);
      const match = CODES.exec(readerText(page.text));
      if (match) found.push(`${path}: "${match[0]}" in …${readerText(page.text).slice(Math.max(0, match.index - 40), match.index + 40)}…`);
    }
    expect(found).toEqual([]);
  });

  it('names things rather than showing their slugs and ids', async () => {
    const narratives = readerText((await admin.get('/narratives', { accept: 'text/html' })).text);
    expect(narratives).not.toContain('child-kidnapping');
    const alerts = readerText((await admin.get('/alerts', { accept: 'text/html' })).text);
    expect(alerts).not.toMatch(/case:\d+|post:\d+|source:\d+/);
    const recipients = readerText((await admin.get('/recipients', { accept: 'text/html' })).text);
    expect(recipients).toContain('Socialtjänsten kidnappar barn');
    expect(recipients).not.toContain('child-kidnapping');
  });
});
