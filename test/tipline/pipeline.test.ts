import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts } from '../../src/alerts/index.js';
import { ClassifierCache } from '../../src/classify-store/index.js';
import { alerts, posts, threatCaseEvents, threatCasePosts, threatCases, tiplineReports } from '../../src/db/schema/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { exportCaseEvidence, purgeDismissedCases, reviewCase, ThreatDetectorCache } from '../../src/threat-cases/index.js';
import { checkReport, createReport, getReport, MAX_REPORT_ATTEMPTS, OcrProbe, processReport, tiplineConfigSchema, type ProcessReportDeps } from '../../src/tipline/index.js';
import { addRecipient } from '../alerts/fixtures.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { fixtureImage, jpegWithGps, SCREENSHOT_TEXT } from './image-fixtures.js';
import { alertsConfigSchema } from '../../src/config/index.js';

const haveTesseract = spawnSync('tesseract', ['--version']).status === 0;
const settings = tiplineConfigSchema.parse({});
const LIMITS = { maxTextChars: 20_000, maxScreenshots: 10, image: { maxBytes: 5_000_000, maxPixels: 40_000_000, maxSide: 20_000 } };
const clock = new Date('2026-12-03T10:00:00Z');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const fetcher = createFetcher({ userAgent: 'Vaksam/test (+https://example.org/vaksam)', allowPrivateNetworks: ['127.0.0.1/32'], perHostMinIntervalMs: 0 });

function deps(overrides: Partial<ProcessReportDeps> = {}): ProcessReportDeps {
  const db = database.db;
  return {
    db,
    fetcher,
    log: silentLogger,
    now: () => clock,
    settings,
    probe: new OcrProbe(settings.ocr),
    caches: { narratives: new ClassifierCache(db), threats: new ThreatDetectorCache(db, { rulesDir: 'config/threats', watchlistKey: null }) },
    alert: async (postIds) => {
      await checkPosts({ db, log: silentLogger, now: () => clock, settings: alertsConfigSchema.parse({}), from: 'Vaksam <larm@example.se>', uiBaseUrl: 'http://127.0.0.1:8080', notifyMail: async () => {} }, postIds);
    },
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await addRecipient(database.db, { email: 'sakerhet@kommun.example.se', roles: ['security'] });
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html lang="sv"><body><article><h1>Tråd</h1><p>Socialtjänsten i Västerås ljuger om allt.</p></article></body></html>');
  });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
  await database.drop();
});

describe.skipIf(!haveTesseract)('a report through the pipeline', () => {
  it('reads the screenshot, captures the link, files a critical case marked as reported and alerts at once', async () => {
    const input = checkReport({ url: `${server.url}/thread/9`, text: 'Det här skickades till mig i en sluten grupp.', concerns: 'me', screenshots: [{ filename: 'IMG_0042.jpg', bytes: jpegWithGps(fixtureImage('jpg')) }] }, LIMITS);
    const created = await createReport(database.db, input, { channel: 'form', intakeKey: 'form:test-1', reporter: { userId: null, name: 'Lena Handläggare', email: 'lena@kommun.example.se' }, actor: 'lena' }, clock);
    const filed = await processReport(deps(), created.id);

    const detail = await getReport(database.db, { id: created.id });
    expect(detail.report).toMatchObject({ status: 'processed', postId: filed.postId, capture: { status: 'captured', parser: 'web' } });
    expect(detail.screenshots[0]).toMatchObject({ ocrStatus: 'done', ocrText: SCREENSHOT_TEXT, removedMetadata: expect.arrayContaining(['EXIF']) });

    const [post] = await database.db.select().from(posts).where(eq(posts.id, filed.postId));
    expect(post).toMatchObject({ platform: 'tipline', externalId: created.reference, url: `${server.url}/thread/9` });
    expect(post!.text).toContain('Socialtjänsten i Västerås ljuger om allt.');
    expect(post!.text).toContain(SCREENSHOT_TEXT);
    expect(JSON.stringify(post)).not.toMatch(/Lena|lena@/);

    const [kase] = await database.db.select().from(threatCases).where(eq(threatCases.id, filed.caseId));
    expect(kase!.level).toBe('critical');
    const events = await database.db.select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, filed.caseId));
    expect(events.find((e) => e.action === 'reported')?.details).toMatchObject({ reference: created.reference, channel: 'form' });
    const sent = await database.db.select().from(alerts).where(eq(alerts.subject, `case:${filed.caseId}`));
    expect(sent).toMatchObject([{ kind: 'threat', severity: 'critical' }]);

    const dir = mkdtempSync(join(tmpdir(), 'vaksam-evidence-'));
    const written = await exportCaseEvidence(database.db, filed.caseId, dir, 'sara', clock);
    const pack = JSON.parse(readFileSync(written.jsonPath, 'utf8'));
    const shot = pack.reports[0].screenshots[0];
    expect(pack.reports[0]).toMatchObject({ reference: created.reference, reporter: { name: 'Lena Handläggare' }, capture: { status: 'captured', httpStatus: 200 } });
    expect(shot).toMatchObject({ ocrText: SCREENSHOT_TEXT, removedMetadata: expect.arrayContaining(['EXIF']) });
    expect(createHash('sha256').update(readFileSync(join(dir, shot.file))).digest('hex')).toBe(shot.sha256);
    expect(readFileSync(written.htmlPath, 'utf8')).toContain(`<img src="${shot.file}"`);
  }, 60_000);

  it('removes a report\'s texts, images and reporter with its dismissed case, keeping the hashes', async () => {
    const input = checkReport({ text: 'Soc-tanterna ska få se, vi vet var ni bor.', concerns: 'me', screenshots: [{ filename: 'a.png', bytes: fixtureImage('png') }] }, LIMITS);
    const created = await createReport(database.db, input, { channel: 'link', intakeKey: 'link:test-5', reporter: { email: 'kim@kommun.example.se' }, actor: 'link:1' }, clock);
    const filed = await processReport(deps(), created.id);
    await reviewCase(database.db, filed.caseId, { actor: 'sara', status: 'dismissed' }, clock);
    const outcome = await purgeDismissedCases(database.db, { olderThanDays: 30, now: new Date(clock.getTime() + 31 * 86_400_000) });
    expect(outcome.reports).toBeGreaterThanOrEqual(1);
    const detail = await getReport(database.db, { id: created.id });
    expect(detail.report).toMatchObject({ reportedText: '', reporterEmail: null, reporterName: null, purgedAt: expect.any(Date), reference: created.reference });
    expect(detail.screenshots[0]).toMatchObject({ stored: false, ocrText: null, sha256: input.screenshots[0]!.sha256 });
  }, 60_000);

  it('files a report the rules do not flag in the review queue all the same, at its own level', async () => {
    const input = checkReport({ text: 'Någon har skrivit om vår enhet på TikTok, se bifogat.', concerns: 'office', screenshots: [] }, LIMITS);
    const created = await createReport(database.db, input, { channel: 'form', intakeKey: 'form:test-2', reporter: { name: 'Omar' }, actor: 'omar' }, clock);
    const filed = await processReport(deps(), created.id);
    const [kase] = await database.db.select().from(threatCases).where(eq(threatCases.id, filed.caseId));
    expect(kase).toMatchObject({ level: 'none', status: 'new', postCount: 1 });
  });

  it('files the same report once when its job runs twice', async () => {
    const input = checkReport({ text: 'Vi vet var du bor, vi kommer till kontoret i kväll med bensin.', concerns: 'colleague', screenshots: [] }, LIMITS);
    const created = await createReport(database.db, input, { channel: 'form', intakeKey: 'form:test-3', reporter: { name: 'Omar' }, actor: 'omar' }, clock);
    const again = await createReport(database.db, input, { channel: 'form', intakeKey: 'form:test-3', reporter: { name: 'Omar' }, actor: 'omar' }, clock);
    expect(again).toEqual({ ...created, created: false });
    const first = await processReport(deps(), created.id);
    const second = await processReport(deps(), created.id);
    expect(second).toEqual(first);
    const filedPosts = await database.db.select().from(threatCasePosts).where(eq(threatCasePosts.postId, first.postId));
    expect(filedPosts).toHaveLength(1);
    const events = await database.db.select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, first.caseId));
    expect(events.filter((e) => e.action === 'reported')).toHaveLength(1);
  });

  it('records each failure on the report and marks it failed after the last attempt', async () => {
    const input = checkReport({ text: 'En rapport som inte kan bedömas just nu.', concerns: 'me', screenshots: [] }, LIMITS);
    const created = await createReport(database.db, input, { channel: 'form', intakeKey: 'form:test-6', reporter: { name: 'Omar' }, actor: 'omar' }, clock);
    const broken = deps({ caches: { narratives: new ClassifierCache(database.db), threats: new ThreatDetectorCache(database.db, { rulesDir: '/nonexistent/threat-rules', watchlistKey: null }) } });
    for (let attempt = 1; attempt <= MAX_REPORT_ATTEMPTS; attempt++) {
      await expect(processReport(broken, created.id)).rejects.toThrow();
      const [row] = await database.db.select().from(tiplineReports).where(eq(tiplineReports.id, created.id));
      expect(row).toMatchObject({ attempts: attempt, status: attempt < MAX_REPORT_ATTEMPTS ? 'received' : 'failed', errorCode: expect.any(String) });
    }
  });

  it('stores the report and says OCR is not installed when Tesseract is missing', async () => {
    const input = checkReport({ screenshots: [{ filename: 'shot.png', bytes: fixtureImage('png') }] }, LIMITS);
    const created = await createReport(database.db, input, { channel: 'form', intakeKey: 'form:test-4', reporter: { name: 'Omar' }, actor: 'omar' }, clock);
    const missing = { ...settings, ocr: { ...settings.ocr, command: 'vaksam-no-such-tesseract' } };
    await processReport(deps({ settings: missing, probe: new OcrProbe(missing.ocr) }), created.id);
    const detail = await getReport(database.db, { id: created.id });
    expect(detail.report.status).toBe('processed');
    expect(detail.screenshots[0]).toMatchObject({ ocrStatus: 'unavailable', ocrError: 'vaksam-no-such-tesseract is not installed' });
    const [report] = await database.db.select().from(tiplineReports).where(eq(tiplineReports.id, created.id));
    expect(report!.postId).not.toBeNull();
  });
});
