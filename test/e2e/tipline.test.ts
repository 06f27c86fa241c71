import { existsSync, mkdirSync } from 'node:fs';
import { QueueEvents } from 'bullmq';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type RunningWorkers } from '../../src/app/index.js';
import { alerts, tiplineReports } from '../../src/db/schema/index.js';
import { PASSWORD, startTestWeb, type TestWeb } from '../http/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENS = '/tmp/vaksam-screens';
const THREAT = 'Vi vet var du bor. Vi bränner ner kontoret i Västerås i kväll.';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`tipline browser tests skipped: ${CHROMIUM} is missing`);

let web: TestWeb;
let browser: Browser;
let workers: RunningWorkers;
let tiplineEvents: QueueEvents;
let alertEvents: QueueEvents;
const cspViolations: string[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(SCREENS, { recursive: true });
  web = await startTestWeb();
  await web.addUser('vera', 'viewer');
  await web.addUser('sara', 'security');
  const connection = web.app.redis!;
  tiplineEvents = new QueueEvents('tipline', { connection: connection.duplicate(), prefix: web.app.config.redis.prefix });
  alertEvents = new QueueEvents('alert', { connection: connection.duplicate(), prefix: web.app.config.redis.prefix });
  await Promise.all([tiplineEvents.waitUntilReady(), alertEvents.waitUntilReady()]);
  workers = startWorkers(web.app, ['tipline', 'alert']);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}, 120_000);

afterAll(async () => {
  if (!haveChromium) return;
  await browser?.close();
  await workers?.close();
  await tiplineEvents?.close();
  await alertEvents?.close();
  await web?.close();
});

async function signedIn(username: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  await page.goto(`${web.url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${web.url}/`), page.click('button[type=submit].primary')]);
  return { context, page };
}

interface HTMLCanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { fillStyle: string; font: string; fillRect(x: number, y: number, w: number, h: number): void; fillText(t: string, x: number, y: number): void; measureText(t: string): { width: number } } | null;
  toDataURL(type: string): string;
}

/** A "screenshot" of a threatening post, drawn by the browser itself on a canvas and read back as PNG bytes. */
async function renderPostScreenshot(page: Page, text: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((body) => {
    // Runs in the page: the test's own TypeScript has no DOM types.
    const doc = (globalThis as unknown as { document: { createElement(tag: 'canvas'): HTMLCanvasLike } }).document;
    const canvas = doc.createElement('canvas');
    canvas.width = 720;
    canvas.height = 200;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#1c1e21';
    g.font = 'bold 22px sans-serif';
    g.fillText('Anonym användare · 2 tim', 24, 44);
    g.font = '24px sans-serif';
    const words = body.split(' ');
    let line = '';
    let y = 100;
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (g.measureText(next).width > 660) {
        g.fillText(line, 24, y);
        y += 36;
        line = word;
      } else line = next;
    }
    g.fillText(line, 24, y);
    return canvas.toDataURL('image/png');
  }, text);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** No horizontal scrolling on a 390 px wide phone. */
async function fitsPhone(page: Page, path: string): Promise<void> {
  await page.goto(`${web.url}${path}`);
  const width = await page.evaluate('document.documentElement.scrollWidth');
  expect(width, path).toBeLessThanOrEqual(390);
}

describe.skipIf(!haveChromium)('the staff tipline in a browser', () => {
  let reference = '';
  let caseId = 0;
  let alerted: Promise<unknown> = Promise.resolve();

  it('a staff member reports a screenshot of a threatening post and gets a receipt', async () => {
    const { context, page } = await signedIn('vera');
    await page.goto(`${web.url}/report`);
    await expect(page.locator('main').textContent()).resolves.toContain('Vad händer med din rapport?');
    const png = await renderPostScreenshot(page, THREAT);
    await page.setInputFiles('input[name=screenshots]', { name: 'skärmbild.png', mimeType: 'image/png', buffer: png });
    await page.fill('textarea[name=text]', 'Såg detta i en Facebookgrupp, det handlar om vårt kontor.');
    await page.check('input[name=concerns][value=office]');
    const processed = new Promise<void>((resolve) => tiplineEvents.on('completed', ({ returnvalue }) => (returnvalue as unknown as { caseId?: number })?.caseId && resolve()));
    // The report's post is the only one: the first alert job to finish is the one it started.
    alerted = new Promise((resolve) => alertEvents.once('completed', resolve));
    await Promise.all([page.waitForURL(/\/report\/receipt\/R-/), page.click('.report-form button[type=submit]')]);
    reference = (await page.locator('[data-reference]').textContent())!;
    expect(reference).toMatch(/^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await page.screenshot({ path: `${SCREENS}/30-tipline-receipt.png`, fullPage: true });
    await processed;
    await context.close();
  }, 90_000);

  it('a security coordinator finds it in the queue, marked as reported, with the OCR text highlighted, and it was alerted at once', async () => {
    const [report] = await web.app.database.db.select().from(tiplineReports).where(eq(tiplineReports.reference, reference));
    expect(report!.status).toBe('processed');
    const { context, page } = await signedIn('sara');
    await page.goto(`${web.url}/threats`);
    const row = page.locator('tbody tr', { has: page.locator('.badge.reported') });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('.badge.critical').count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(/\/threats\/\d+$/), row.locator('a').first().click()]);
    caseId = Number(page.url().split('/').pop());
    const block = page.locator(`#report-${reference}`);
    await expect(block.locator('.reporter').textContent()).resolves.toContain('vera');
    const ocr = block.locator('#screenshot-1');
    await expect(ocr.locator('img').count()).resolves.toBe(1);
    const ocrText = (await ocr.locator('.post-text').textContent())!;
    expect(ocrText).toContain('Vi vet var du bor');
    expect(ocrText).toContain('kontoret');
    const marked = await ocr.locator('mark.signal').allTextContents();
    expect(marked.join(' ')).toMatch(/i kväll/);
    expect(marked.length).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENS}/31-tipline-case.png`, fullPage: true });

    const image = await page.evaluate(async (src) => (await fetch(src)).headers.get('content-type'), `/reports/${reference}/screenshots/1`);
    expect(image).toBe('image/png');
    await alerted;
    const [alert] = await web.app.database.db.select().from(alerts).where(eq(alerts.subject, `case:${caseId}`));
    expect(alert).toMatchObject({ kind: 'threat', severity: 'critical' });
    await context.close();
  }, 90_000);

  it('fits the new pages on a 390 px phone without a CSP violation', async () => {
    const { context, page } = await signedIn('sara', 390);
    await page.goto(`${web.url}/reports/links`);
    await page.fill('input[name=name]', 'Västerås stad');
    await page.fill('input[name=domains]', 'kommun.example.se');
    await page.click('form.card button[type=submit]');
    const linkUrl = (await page.locator('code.secret-link').textContent())!;
    for (const path of ['/report', `/report/receipt/${reference}`, '/reports', `/reports/${reference}`, '/reports/links', `/threats/${caseId}`, new URL(linkUrl).pathname]) await fitsPhone(page, path);
    await page.goto(`${web.url}/reports/${reference}`);
    await page.screenshot({ path: `${SCREENS}/32-tipline-report-390.png`, fullPage: true });
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 90_000);
});
