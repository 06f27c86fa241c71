import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threatCases } from '../../src/db/schema/index.js';
import { PASSWORD, startTestWeb, type TestWeb } from '../http/harness.js';
import { seedContent, XSS_TEXT, type Seeded } from '../http/seed.js';
import { haveChromium, launchChromium, SCREENS, signInWithForm } from './chromium.js';
import { seedHistory } from './history.js';

let web: TestWeb;
let seeded: Seeded;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SCREENS, { recursive: true });
  web = await startTestWeb();
  const now = new Date();
  seeded = await seedContent(web.app.database.db, now);
  await seedHistory(web.app.database.db, seeded.sourceId, now);
  await web.addUser('anna', 'admin');
  await web.addUser('sara', 'security');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  if (!haveChromium) return;
  await browser?.close();
  await web?.close();
});

/** A fresh browser profile signed in through the real form; every CSP violation is collected. */
async function signedIn(username: string, lang: 'sv' | 'en' = 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  await signInWithForm(page, web.url, username);
  return { context, page };
}

/** Full pages, except long ones (the narrative editor) which are shot as the window shows them. */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage });
}

describe.skipIf(!haveChromium)('in a browser', () => {
  it('signs in with the form and shows the overview', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${web.url}/narratives`);
    expect(page.url()).toBe(`${web.url}/login?next=%2Fnarratives`);
    await shoot(page, '01-login');
    await page.fill('input[name=username]', 'anna');
    await page.fill('input[name=password]', 'wrong password!!');
    await page.click('button[type=submit].primary');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('Fel användarnamn eller lösenord');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(`${web.url}/narratives`), page.click('button[type=submit].primary')]);
    await page.goto(`${web.url}/`);
    await expect(page.locator('svg.chart').count()).resolves.toBe(2);
    await expect(page.locator('main').textContent()).resolves.toContain('Pågående ökningar');
    await shoot(page, '02-overview-sv');
    await context.close();
  });

  it('edits a narrative: live syntax errors, an added rule and the backtest', async () => {
    const { context, page } = await signedIn('anna');
    await page.goto(`${web.url}/narratives`);
    await shoot(page, '03-narratives');
    await page.goto(`${web.url}/narratives/child-kidnapping`);
    const list = page.locator('.rule-list[data-lang=sv][data-kind=positive]');
    await list.locator('.add-rule').click();
    const row = list.locator('.rule').last();
    await row.locator('input[name$=".id"]').fill('weather');
    await row.locator('input[name$=".weight"]').fill('0.9');
    const query = row.locator('textarea.query');
    await query.fill('(regn OR');
    await row.locator('.query-status.bad').waitFor();
    expect(await row.locator('.query-status').textContent()).toMatch(/\(regn OR\s+\^/);
    await query.fill('regn OR snö');
    await row.locator('.query-status.good').waitFor();
    await page.click('#backtest-run');
    const result = page.locator('#backtest-result .backtest-summary');
    await result.waitFor();
    const added = page.locator('#backtest-result .backtest-section').first();
    expect(await added.locator('h3').textContent()).toBe('Added (1)');
    expect(await added.locator('mark').first().textContent()).toBe('Regn');
    await shoot(page, '04-narrative-editor-backtest', false);
    await page.goto(`${web.url}/narratives/child-kidnapping/versions/1`);
    await shoot(page, '05-narrative-version');
    await context.close();
  }, 60_000);

  it('triages threat cases with the keyboard', async () => {
    const { context, page } = await signedIn('sara');
    await page.goto(`${web.url}/threats`);
    await page.locator(`tbody tr.selected#case-${seeded.caseIds.high}`).waitFor();
    await shoot(page, '06-threat-queue');
    await page.keyboard.press('j');
    await page.locator(`tbody tr.selected#case-${seeded.caseIds.medium}`).waitFor();
    await Promise.all([page.waitForURL(/notice=reviewed/), page.keyboard.press('a')]);
    const [medium] = await web.app.database.db.select().from(threatCases).where(eq(threatCases.id, seeded.caseIds.medium));
    expect(medium!.status).toBe('acknowledged');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${web.url}/threats/${seeded.caseIds.high}`);
    await page.keyboard.press('e');
    await page.waitForFunction("document.activeElement?.getAttribute('name') === 'policeRef'");
    await page.fill('#escalate input[name=policeRef]', '5000-K1-26');
    await Promise.all([page.waitForURL(/notice=reviewed/), page.click('#escalate button')]);
    await expect(page.locator('main').textContent()).resolves.toContain('5000-K1-26');
    await shoot(page, '07-threat-case');
    await context.close();
  }, 60_000);

  it('renders a post whose text is an XSS payload inert', async () => {
    const { context, page } = await signedIn('anna');
    await page.goto(`${web.url}/posts/${seeded.postIds.xss}`);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('article .post-text').textContent()).toBe(XSS_TEXT);
    expect(await page.locator('main img, main svg[onload]').count()).toBe(0);
    await shoot(page, '08-post-xss');
    await page.goto(`${web.url}/posts?q=socialtj%C3%A4nsten`);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await shoot(page, '09-posts-search');
    await context.close();
  });

  it('shows the remaining pages without a CSP violation', async () => {
    const { context, page } = await signedIn('anna');
    for (const [path, name] of [
      ['/sources', '10-sources'],
      ['/alerts', '11-alerts'],
      ['/alerts/1', '12-alert'],
      ['/recipients', '13-recipients'],
      ['/queues', '14-queues'],
      ['/users', '15-users'],
      ['/audit', '16-audit'],
      ['/watchlist', '19-watchlist'],
      ['/account', '17-account'],
      ['/', '18-overview-en'],
    ] as const) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await shoot(page, name);
    }
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);
});
