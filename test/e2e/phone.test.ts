import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAlertTick, type AlertDeps } from '../../src/alerts/index.js';
import { listAlerts } from '../../src/db/queries/alerts.js';
import { insertRecipient } from '../../src/db/queries/recipients.js';
import { addWeeks, formatIsoWeek, isoWeekAt } from '../../src/digest/index.js';
import { silentLogger } from '../../src/log/index.js';
import { startTestWeb, type TestWeb } from '../http/harness.js';
import { seedContent, type Seeded } from '../http/seed.js';
import { haveChromium, launchChromium, SCREENS, signInWithForm } from './chromium.js';
import { seedHistory } from './history.js';
import { alertsConfigSchema } from '../../src/config/index.js';

const PHONE = { width: 390, height: 844 };

let web: TestWeb;
let seeded: Seeded;
let browser: Browser;
let alertIds: number[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SCREENS, { recursive: true });
  web = await startTestWeb();
  const now = new Date();
  seeded = await seedContent(web.app.database.db, now);
  await seedHistory(web.app.database.db, seeded.sourceId, now);
  await web.addUser('anna', 'admin');
  await web.addUser('sara', 'security');
  await insertRecipient(
    web.app.database.db,
    { name: 'Säkerhetssamordnare Stadsdelsförvaltningen', email: 'sakerhetssamordnare.stadsdelsforvaltningen@kommun.example.se', language: 'sv', roles: ['security', 'communications'], region: 'Rinkeby-Kista', quietHours: { start: '22:00', end: '07:00' }, narratives: ['child-kidnapping'], minThreatLevel: 'medium', phone: '+46701234567', channels: ['email', 'sms'] },
    now,
  );
  const deps: AlertDeps = { db: web.app.database.db, log: silentLogger, now: () => now, settings: alertsConfigSchema.parse({}), from: 'Vaksam <larm@kommun.example.se>', uiBaseUrl: web.url, notifyMail: async () => {} };
  await runAlertTick(deps);
  alertIds = (await listAlerts(web.app.database.db, { limit: 50 })).map((a) => a.id);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  if (!haveChromium) return;
  await browser?.close();
  await web?.close();
});

async function phone(username: string | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'sv-SE' });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  if (username) await signInWithForm(page, web.url, username);
  return { context, page };
}

/** Visits each path and returns the ones wider than the screen, with their width. */
async function overflowing(page: Page, paths: readonly string[]): Promise<string[]> {
  const wide: string[] = [];
  for (const path of paths) {
    const response = await page.goto(`${web.url}${path}`);
    expect(response?.status(), path).toBe(200);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    if (width > PHONE.width) wide.push(`${path}: ${width}px`);
    await page.screenshot({ path: `${SCREENS}/phone${path.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
  }
  return wide;
}

describe.skipIf(!haveChromium)('every page on a 390 px phone', () => {
  it('fits the screen for an administrator: tables become cards or scroll in their own box', async () => {
    const { context, page } = await phone('anna');
    const week = formatIsoWeek(addWeeks(isoWeekAt(new Date(), 'Europe/Stockholm'), -1));
    const paths = [
      '/',
      '/narratives',
      '/narratives/child-kidnapping',
      '/narratives/child-kidnapping/versions/1',
      '/posts',
      '/posts?q=barn',
      `/posts/${seeded.postIds.kidnap}`,
      `/posts/${seeded.postIds.threat}`,
      '/sources',
      `/sources/${seeded.sourceId}`,
      '/alerts',
      ...alertIds.map((id) => `/alerts/${id}`),
      '/recipients',
      '/queues',
      '/users',
      '/audit',
      '/account',
      '/threats',
      `/threats/${seeded.caseIds.high}`,
      `/threats/${seeded.caseIds.medium}`,
      '/watchlist',
      `/digest/${week}`,
    ];
    expect(alertIds.length).toBeGreaterThan(0);
    expect(await overflowing(page, paths)).toEqual([]);
    await context.close();
  }, 120_000);

  it('fits the screen for a security coordinator opening a case from an alert, and signed out', async () => {
    const { context, page } = await phone('sara');
    expect(await overflowing(page, ['/', `/threats/${seeded.caseIds.high}?ack=1`, '/alerts'])).toEqual([]);
    await context.close();
    const anonymous = await phone(null);
    expect(await overflowing(anonymous.page, ['/login'])).toEqual([]);
    await anonymous.context.close();
  }, 60_000);

  it('draws the header band across the whole screen', async () => {
    const { context, page } = await phone('anna');
    await page.goto(`${web.url}/recipients`);
    const band = Number(await page.evaluate("document.querySelector('header.top').getBoundingClientRect().width"));
    expect(band).toBe(Number(await page.evaluate('document.documentElement.scrollWidth')));
    await context.close();
  }, 60_000);
});
