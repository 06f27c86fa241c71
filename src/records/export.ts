import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/index.js';
import { auditLog, threatCaseEvents } from '../db/schema/index.js';
import { caseReportEvidence, getCase } from '../threat-cases/index.js';
import { buildCaseRecord, type CaseRecord } from './case-record.js';
import { renderCaseRecordPdf } from './pdf.js';

export interface WrittenRecord {
  record: CaseRecord;
  jsonPath: string;
  pdfPath: string;
  jsonSha256: string;
  pdfSha256: string;
}

export interface RecordOptions {
  actor: string;
  now: Date;
  /** privacy.secrecyMarking: used when the case has no marking of its own. */
  defaultMarking: string | null;
  /** privacy.recordFontFile; a missing file falls back to Helvetica. */
  fontFile: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The record and its PDF in memory (the web UI serves them; the CLI writes them). */
export async function buildCaseRecordFiles(db: Db, caseId: number, options: RecordOptions): Promise<{ record: CaseRecord; json: string; pdf: Uint8Array }> {
  const detail = await getCase(db, caseId, { earlier: 0 });
  const { reports } = await caseReportEvidence(db, caseId);
  const record = buildCaseRecord(detail, reports, { now: options.now, actor: options.actor, defaultMarking: options.defaultMarking });
  const json = `${JSON.stringify(record, null, 2)}\n`;
  const pdf = await renderCaseRecordPdf(record, sha256(json), await readFont(options.fontFile));
  await noteRecorded(db, caseId, options, { json: sha256(json), pdf: sha256(pdf), secrecyMarking: record.secrecyMarking });
  return { record, json, pdf };
}

/**
 * Writes `case-<id>-record.json` and `case-<id>-record.pdf` for registration (diarieföring) and records it in the
 * case history and the audit log with both SHA-256.
 */
export async function exportCaseRecord(db: Db, caseId: number, dir: string, options: RecordOptions): Promise<WrittenRecord> {
  const { record, json, pdf } = await buildCaseRecordFiles(db, caseId, options);
  await mkdir(dir, { recursive: true });
  const written = { record, jsonPath: join(dir, `case-${caseId}-record.json`), pdfPath: join(dir, `case-${caseId}-record.pdf`), jsonSha256: sha256(json), pdfSha256: sha256(pdf) };
  await writeFile(written.jsonPath, json);
  await writeFile(written.pdfPath, pdf);
  return written;
}

async function noteRecorded(db: Db, caseId: number, options: RecordOptions, details: Record<string, unknown>): Promise<void> {
  await db.insert(threatCaseEvents).values({ caseId, at: options.now, actor: options.actor, action: 'recorded', details });
  await db.insert(auditLog).values({ at: options.now, actor: options.actor, action: 'threat-case.record', subject: `threat-case:${caseId}`, details });
}

async function readFont(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
