import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threatCaseEvents, threatCasePosts } from '../../src/db/schema/index.js';
import { evidenceTime, exportCaseEvidence, reviewCase, type EvidencePack } from '../../src/threat-cases/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { shippedDetector } from '../threats/rules.js';
import { classifyThreatBatch } from './classify-batch.js';
import { EXCHANGE, insertPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
let caseId: number;
let pack: EvidencePack;
let html: string;
let written: Awaited<ReturnType<typeof exportCaseEvidence>>;
const TEXT = 'Handläggaren Lena <b>Berg</b> på socialen: här är hennes hemadress. Vi ses ikväll & vi tar med en kniv.';

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'vaksam-evidence-'));
  const seed = await seedSource(database.db);
  const postId = await insertPost(database.db, seed, {
    text: TEXT,
    author: 'anon123',
    url: 'https://forum.example/t/42',
    publishedAt: new Date('2025-07-01T12:00:00Z'),
    fetchedAt: new Date('2025-07-01T12:05:00Z'),
  });
  await classifyThreatBatch(database.db, await shippedDetector(), [postId], new Date('2025-07-01T12:06:00Z'));
  const [filed] = await database.db.select().from(threatCasePosts).where(eq(threatCasePosts.postId, postId));
  caseId = filed?.caseId as number;
  await reviewCase(database.db, caseId, { actor: 'anna', status: 'escalated', policeRef: 'K-2025-1', note: 'Anmält' }, new Date('2025-07-01T13:00:00Z'));
  written = await exportCaseEvidence(database.db, caseId, dir, 'anna', new Date('2025-07-01T14:00:00Z'));
  pack = JSON.parse(await readFile(written.jsonPath, 'utf8')) as EvidencePack;
  html = await readFile(written.htmlPath, 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
});

describe('evidence pack for a police report', () => {
  it('holds the post text, URL, author and its SHA-256 as assessed', () => {
    const post = pack.posts[0];
    expect(post).toMatchObject({ text: TEXT, url: 'https://forum.example/t/42', author: 'anon123', platform: 'feed', source: 'Forum' });
    expect(post?.textSha256).toBe(createHash('sha256').update(TEXT).digest('hex'));
  });

  it('gives publication and fetch times in UTC and Swedish local time', () => {
    expect(pack.posts[0]?.published).toEqual({ utc: '2025-07-01T12:00:00.000Z', stockholm: '2025-07-01T14:00:00+02:00' });
    expect(pack.posts[0]?.fetched.stockholm).toBe('2025-07-01T14:05:00+02:00');
    expect(evidenceTime(new Date('2025-01-15T12:00:00Z')).stockholm).toBe('2025-01-15T13:00:00+01:00');
  });

  it('carries the signals with offsets into the text', () => {
    const signals = pack.posts[0]?.signals ?? [];
    expect(signals.map((s) => s.kind)).toEqual(expect.arrayContaining(['exposure', 'means']));
    for (const s of signals) expect(TEXT.slice(s.start, s.end)).toBe(s.text);
  });

  it('carries the HTTP response headers and the SHA-256 of the fetched content from the fetch run', () => {
    const exchange = pack.posts[0]?.fetchRun.exchanges[0];
    expect(exchange).toMatchObject({ url: EXCHANGE.url, status: 200, headers: EXCHANGE.headers, sha256: EXCHANGE.sha256, bytes: EXCHANGE.bytes });
    expect(exchange?.at).toEqual({ utc: EXCHANGE.at, stockholm: '2025-03-03T09:00:01+01:00' });
  });

  it('has the case, its police reference and its full history', () => {
    expect(pack.case).toMatchObject({ id: caseId, status: 'escalated', policeRef: 'K-2025-1' });
    expect(pack.history.map((h) => h.action)).toEqual(['created', 'status']);
    expect(pack.history[1]).toMatchObject({ actor: 'anna', from: 'new', to: 'escalated', note: 'Anmält' });
  });

  it('writes a printable page that escapes the post and marks the signals', () => {
    expect(html).toContain('&#60;b&#62;Berg&#60;/b&#62;');
    expect(html).not.toContain('<b>Berg</b>');
    expect(html).toMatch(/<mark>[^<]*hemadress[^<]*<\/mark>/u);
    expect(html).toContain(EXCHANGE.sha256);
    expect(html).toContain(written.jsonSha256);
    expect(html).not.toMatch(/<script|src="http/u);
  });

  it('reports the files’ hashes and records the export in the history', async () => {
    expect(createHash('sha256').update(await readFile(written.jsonPath)).digest('hex')).toBe(written.jsonSha256);
    const events = await database.db.select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, caseId));
    expect(events.at(-1)).toMatchObject({ actor: 'anna', action: 'exported', details: { json: written.jsonSha256, html: written.htmlSha256 } });
  });
});
