import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNarrativeMatch, addRecipient, addSource } from '../alerts/fixtures.js';
import { schema } from '../../src/db/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';

let web: TestWeb;
let admin: Client;

beforeAll(async () => {
  web = await startTestWeb();
  await web.addUser('anna', 'admin');
  await web.addUser('vera', 'viewer');
  admin = new Client(web.url);
  await admin.signIn('anna');
}, 60_000);

afterAll(() => web.close());

/** The numbers under a chart (its data table, for screen readers and exact counts), by row label. */
function chartData(page: string, caption: RegExp): Map<string, number[]> {
  const $ = load(page);
  const figure = $('figure.chart-figure').filter((_i, f) => caption.test($(f).find('summary').text()));
  return new Map(
    figure
      .find('tbody tr')
      .map((_i, tr) => [[$(tr).find('th').text(), $(tr).find('td').map((_j, td) => Number($(td).text())).get()]] as [string, number[]][])
      .get(),
  );
}

describe('the overview', () => {
  it('counts posts without a publication time on the day they were collected', async () => {
    const db = web.app.database.db;
    const sourceId = await addSource(db, 'telegram');
    const now = new Date();
    // Telegram previews and many web pages give no time: only when Vaksam collected them is known.
    const rows = await db
      .insert(schema.posts)
      .values(Array.from({ length: 4 }, (_, i) => ({ sourceId, platform: 'telegram', externalId: `undated-${i}`, text: `Inlägg ${i}`, publishedAt: null, fetchedAt: now, updatedAt: now, contentHash: `h${i}` })))
      .returning({ id: schema.posts.id });
    for (const row of rows.slice(0, 3)) await addNarrativeMatch(db, row.id, 'child-kidnapping', now);
    const page = (await admin.get('/?days=7', { accept: 'text/html' })).text;
    const posts = [...chartData(page, /Insamlade inlägg per dag/).values()].map((v) => v[0]!);
    const matches = [...chartData(page, /Träffar per narrativ och dag/).values()].map((v) => v[0]!);
    expect(posts.at(-1)).toBe(4);
    expect(matches.at(-1)).toBe(3);
    expect(page).not.toContain('Inga träffar de senaste 7 dagarna.');
  });

  it('says which roles nobody receives alerts for, and how to fix it', async () => {
    const page = (await admin.get('/', { accept: 'text/html' })).text;
    expect(page).toContain('Ingen tar emot larm för: kommunikation, säkerhet, administratör.');
    expect(page).toContain('<a class="button primary" href="/recipients">Lägg till mottagare</a>');
    const viewer = new Client(web.url);
    await viewer.signIn('vera');
    expect((await viewer.get('/', { accept: 'text/html' })).text).toContain('Be en administratör lägga till mottagare.');
    await addRecipient(web.app.database.db, { email: 'alla@kommun.example.se', roles: ['communications', 'security', 'admin'] });
    expect((await admin.get('/', { accept: 'text/html' })).text).not.toContain('Ingen tar emot larm');
  });

  it('shows levels, health and surge channels in Swedish, never as codes', async () => {
    const $ = load((await admin.get('/', { accept: 'text/html' })).text);
    const badges = $('main .badge').map((_i, b) => $(b).text()).get();
    expect(badges).toEqual(expect.arrayContaining(['Kritisk: 0', 'Hög: 0', 'Medel: 0', 'Låg: 0', 'Ny: 1']));
    expect(badges.join(' ')).not.toMatch(/\b(critical|high|medium|low|healthy|failing|unhealthy|social|news)\b/);
  });
});
