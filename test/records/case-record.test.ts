import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, threatCaseEvents } from '../../src/db/schema/index.js';
import { exportCaseRecord } from '../../src/records/index.js';
import { releaseCase, reviewCase, setSecrecyMarking, ThreatCaseReviewError } from '../../src/threat-cases/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { insertPost, openCase, seedSource } from '../privacy/seed.js';

const run = promisify(execFile);
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
const T0 = new Date('2025-06-02T07:30:00Z');
const SWEDISH = 'Vi vet var du bor, fröken Åsa på socialtjänsten i Gävle. Ät upp ditt smörgåsbord';
const ARABIC = 'نعرف أين تسكن';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'vaksam-records-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
});

async function policeCase(): Promise<{ caseId: number; posts: number[] }> {
  const sourceId = await seedSource(database.db);
  const posts = [await insertPost(database.db, sourceId, { fetchedAt: T0, author: 'hotare', text: SWEDISH }), await insertPost(database.db, sourceId, { fetchedAt: T0, author: 'arab', text: ARABIC })];
  const caseId = await openCase(database.db, posts, T0);
  await reviewCase(database.db, caseId, { actor: 'Säk Samordnare', status: 'escalated', policeRef: '5000-K98765-25', note: 'Anmält till polisen' }, new Date(T0.getTime() + 3_600_000));
  return { caseId, posts };
}

async function pdfText(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
  return stdout.replace(/\s+/gu, ' ');
}

describe('case records for registration', () => {
  it.each([['an embedded DejaVu font', FONT], ['Helvetica when the font is missing', '/nonexistent/font.ttf']])(
    'writes a PDF whose text carries the case number, marking, decisions, police reference and hashes, with Swedish letters, using %s',
    async (_what, fontFile) => {
      const { caseId } = await policeCase();
      await setSecrecyMarking(database.db, caseId, { actor: 'registrator', marking: 'OSL 18 kap. 1 §' }, T0);
      const written = await exportCaseRecord(database.db, caseId, join(dir, String(caseId)), { actor: 'registrator', now: new Date('2025-06-03T10:00:00Z'), defaultMarking: null, fontFile });
      const text = await pdfText(written.pdfPath);
      const number = `VAKSAM-${String(caseId).padStart(6, '0')}`;
      expect(text).toContain(`Ärendeakt ${number}`);
      expect(text).toContain('SEKRETESS OSL 18 kap. 1 §');
      expect(text).toContain('Polisens diarienummer: 5000-K98765-25');
      expect(text).toContain('ny -> polisanmäld (Säk Samordnare): Anmält till polisen');
      expect(text).toContain(createHash('sha256').update(SWEDISH).digest('hex'));
      expect(text).toContain(createHash('sha256').update(ARABIC).digest('hex'));
      expect(text).toContain('fröken Åsa på socialtjänsten i Gävle');
      expect(text).toContain('höger-till-vänster-skrift');
      expect(text).toContain(`SHA-256 för JSON-posten: ${written.jsonSha256}`);
      expect(text).toContain('Skapad 2025-06-03T12:00:00+02:00 av registrator');
      const json = await readFile(written.jsonPath, 'utf8');
      expect(createHash('sha256').update(json).digest('hex')).toBe(written.jsonSha256);
      const record = JSON.parse(json);
      expect(record).toMatchObject({ format: 'vaksam-case-record/1', caseNumber: number, secrecyMarking: 'OSL 18 kap. 1 §', case: { id: caseId, status: 'escalated', policeRef: '5000-K98765-25' } });
      expect(record.decisions.map((d: { action: string }) => d.action)).toEqual(['secrecy-marking', 'status']);
      expect(record.evidence.map((e: { text: string }) => e.text)).toEqual([SWEDISH, ARABIC]);
      const events = await database.db.select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, caseId));
      expect(events.at(-1)).toMatchObject({ action: 'recorded', details: { pdf: written.pdfSha256, json: written.jsonSha256 } });
      expect((await database.db.select().from(auditLog).where(eq(auditLog.subject, `threat-case:${caseId}`))).map((a) => a.action)).toContain('threat-case.record');
    },
  );

  it('carries the configured marking when the case has none, and says so when there is none at all', async () => {
    const { caseId } = await policeCase();
    const withDefault = await exportCaseRecord(database.db, caseId, join(dir, `d${caseId}`), { actor: 'r', now: T0, defaultMarking: 'OSL 26 kap. 1 §', fontFile: FONT });
    expect(withDefault.record.secrecyMarking).toBe('OSL 26 kap. 1 §');
    expect(await pdfText(withDefault.pdfPath)).toContain('SEKRETESS OSL 26 kap. 1 §');
    const without = await exportCaseRecord(database.db, caseId, join(dir, `n${caseId}`), { actor: 'r', now: T0, defaultMarking: null, fontFile: FONT });
    expect(await pdfText(without.pdfPath)).toContain('Ingen sekretessmarkering');
  });

  it('releases only escalated cases, once, and the record shows when', async () => {
    const { caseId } = await policeCase();
    const releasedAt = new Date('2025-09-01T08:00:00Z');
    await releaseCase(database.db, caseId, { actor: 'säk', note: 'Förundersökningen nedlagd' }, releasedAt);
    await expect(releaseCase(database.db, caseId, { actor: 'säk' }, releasedAt)).rejects.toThrow(ThreatCaseReviewError);
    const written = await exportCaseRecord(database.db, caseId, join(dir, `r${caseId}`), { actor: 'r', now: releasedAt, defaultMarking: null, fontFile: FONT });
    expect(written.record.case.policeReleased?.utc).toBe(releasedAt.toISOString());
    expect(await pdfText(written.pdfPath)).toContain('släppt av polisen (säk): Förundersökningen nedlagd');
    const open = await openCase(database.db, [await insertPost(database.db, await seedSource(database.db), { fetchedAt: T0 })], T0);
    await expect(releaseCase(database.db, open, { actor: 'säk' }, releasedAt)).rejects.toThrow(/only an escalated/u);
  });

  it.each([[''], ['x'.repeat(121)], ['OSL\u0000']])('refuses the secrecy marking %j', async (marking) => {
    const { caseId } = await policeCase();
    await expect(setSecrecyMarking(database.db, caseId, { actor: 'r', marking }, T0)).rejects.toThrow(ThreatCaseReviewError);
  });
});
