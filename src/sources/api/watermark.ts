import { z } from 'zod';

/**
 * Cursor of APIs that page newest-first and filter by time (Bluesky `since`, Reddit `sort=new`): the newest
 * instant seen and the ids seen at exactly that instant, so an inclusive filter does not return them again.
 */
export const watermarkCursorSchema = z.object({
  since: z.iso.datetime({ offset: true }),
  seenAtSince: z.array(z.string()).default([]),
});

export type WatermarkCursor = z.output<typeof watermarkCursorSchema>;

/** The newest instant seen during a run, starting from the stored cursor. */
export class Watermark {
  private since: Date | null;
  private atSince: Set<string>;
  private readonly storedSince: Date | null;
  private readonly storedSeen: ReadonlySet<string>;
  private advanced = false;

  constructor(stored: WatermarkCursor | null) {
    this.storedSince = stored ? new Date(stored.since) : null;
    this.storedSeen = new Set(stored?.seenAtSince ?? []);
    this.since = this.storedSince;
    this.atSince = new Set(this.storedSeen);
  }

  /** True when an earlier run collected it: older than the stored watermark, or at it and already seen. */
  isOld(id: string, at: Date): boolean {
    if (this.storedSince === null) return false;
    const diff = at.getTime() - this.storedSince.getTime();
    return diff < 0 || (diff === 0 && this.storedSeen.has(id));
  }

  advance(id: string, at: Date): void {
    if (this.since === null || at > this.since) {
      this.since = at;
      this.atSince = new Set([id]);
      this.advanced = true;
    } else if (at.getTime() === this.since.getTime() && !this.atSince.has(id)) {
      this.atSince.add(id);
      this.advanced = true;
    }
  }

  /** The cursor to store, or null when nothing newer was seen (the stored one stays). */
  toCursor(): WatermarkCursor | null {
    if (!this.advanced || this.since === null) return null;
    return { since: this.since.toISOString(), seenAtSince: [...this.atSince] };
  }
}
