import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReport, createReport } from '../../src/tipline/index.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/postgres.js';

const haveTesseract = spawnSync('tesseract', ['--version']).status === 0;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'vaksam-cli-tipline-'));
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error', VAKSAM_DATA_DIR: dataDir, VAKSAM_HTTP__PUBLIC_URL: 'https://vaksam.kommun.example.se' };
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

describe('vaksam tipline', () => {
  it('creates a secret link printed once, lists it without its token and revokes it', async () => {
    const created = await cli(['tipline', 'links', 'create', '--name', 'Västerås stad', '--domains', 'kommun.example.se, skola.kommun.example.se'], env);
    expect(created.code).toBe(0);
    const url = /https:\/\/vaksam\.kommun\.example\.se\/r\/([A-Za-z0-9_-]{32})/.exec(created.stdout);
    expect(url).not.toBeNull();
    const listed = await cli(['tipline', 'links', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toMatchObject({ name: 'Västerås stad', domains: ['kommun.example.se', 'skola.kommun.example.se'], revokedAt: null });
    expect(listed.stdout).not.toContain(url![1]);
    expect((await cli(['tipline', 'links', 'revoke', '1'], env)).stdout).toBe('link 1 revoked\n');
  });

  it('refuses a link without a valid domain, naming the field', async () => {
    const run = await cli(['tipline', 'links', 'create', '--name', 'X', '--domains', 'not a domain'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("domains: 'not' is not an e-mail domain");
  });

  it('says whether OCR is installed, and says so when it is not', async () => {
    const missing = await cli(['tipline', 'status', '--json'], { ...env, VAKSAM_TIPLINE__OCR__COMMAND: 'vaksam-no-such-tesseract' });
    expect(JSON.parse(missing.stdout)).toMatchObject({ ocr: { available: false, reason: 'vaksam-no-such-tesseract is not installed' } });
    if (!haveTesseract) return;
    expect((await cli(['tipline', 'status'], env)).stdout).toMatch(/^OCR: tesseract with swe\+eng\+ara$/m);
  });

  it('processes a waiting report now and prints the case it was filed in', async () => {
    const input = checkReport({ text: 'Vi vet var du bor, vi kommer till kontoret i kväll.', concerns: 'me', screenshots: [] }, { maxTextChars: 1000, maxScreenshots: 1, image: { maxBytes: 1, maxPixels: 1, maxSide: 1 } });
    await createReport(database.db, input, { channel: 'form', intakeKey: 'cli:1', reporter: { name: 'Lena' }, actor: 'lena' }, new Date(Date.now() - 60_000));
    const run = await cli(['tipline', 'process'], env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^report \d+: post \d+, threat case \d+$/m);
    expect((await cli(['tipline', 'process'], env)).stdout).toBe('no report waits for processing\n');
  });
});
