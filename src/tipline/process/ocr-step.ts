import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineScreenshots } from '../../db/schema/index.js';
import type { Logger } from '../../log/index.js';
import { OcrError } from '../errors.js';
import { probeOcr, readImageText, type OcrAvailability, type OcrSettings } from '../ocr/tesseract.js';

/** Re-checks whether Tesseract is installed at most this often (an admin may install it while Vaksam runs). */
const PROBE_EVERY_MS = 5 * 60_000;

/** Whether OCR can run, asked of Tesseract once and remembered for a while per process. */
export class OcrProbe {
  private last: { at: number; availability: OcrAvailability } | null = null;

  constructor(private readonly settings: OcrSettings) {}

  async get(nowMs: number): Promise<OcrAvailability> {
    if (this.last && nowMs - this.last.at < PROBE_EVERY_MS) return this.last.availability;
    this.last = { at: nowMs, availability: await probeOcr(this.settings) };
    return this.last.availability;
  }
}

/**
 * Reads the text of a report's screenshots still pending OCR, one at a time, storing each result at once: a crash
 * loses at most the screenshot being read. Without Tesseract each is marked `unavailable` with the reason.
 */
export async function readPendingScreenshots(deps: { db: Db; log: Logger; now: () => Date; settings: OcrSettings; probe: OcrProbe }, reportId: number): Promise<void> {
  const pending = await deps.db
    .select({ id: tiplineScreenshots.id, data: tiplineScreenshots.data })
    .from(tiplineScreenshots)
    .where(and(eq(tiplineScreenshots.reportId, reportId), eq(tiplineScreenshots.ocrStatus, 'pending')));
  if (pending.length === 0) return;
  const availability = await deps.probe.get(deps.now().getTime());
  for (const shot of pending) {
    const id = Number(shot.id);
    if (!availability.available || shot.data === null) {
      await mark(deps.db, id, { ocrStatus: 'unavailable', ocrError: availability.reason ?? 'the image was removed' });
      continue;
    }
    try {
      const run = await readImageText(shot.data, deps.settings, deps.settings.languages.filter((l) => !availability.missing.includes(l)));
      await mark(deps.db, id, { ocrStatus: run.text ? 'done' : 'empty', ocrText: run.text, ocrMs: run.ms, ocrError: null });
    } catch (error) {
      if (!(error instanceof OcrError)) throw error;
      deps.log.warn({ reportId, screenshotId: id, code: error.code }, 'OCR failed');
      await mark(deps.db, id, { ocrStatus: error.code === 'OCR_UNAVAILABLE' ? 'unavailable' : 'failed', ocrError: error.message });
    }
  }
}

async function mark(db: Db, id: number, values: Partial<typeof tiplineScreenshots.$inferInsert>): Promise<void> {
  await db.update(tiplineScreenshots).set(values).where(eq(tiplineScreenshots.id, id));
}
