import type { z } from 'zod';
import { describeIssues } from './validate.js';

/**
 * The stored cursor as the adapter's schema sees it. An empty cursor is a first run; one that no longer fits the
 * schema (an older adapter version, a hand edit) is dropped with a warning and the run starts afresh.
 */
export function readCursor<T>(
  schema: z.ZodType<T>,
  stored: Record<string, unknown>,
  sourceLabel: string,
  warnings: string[],
): T | null {
  if (Object.keys(stored).length === 0) return null;
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data;
  warnings.push(`${sourceLabel}: stored cursor ignored, ${describeIssues(parsed.error)}`);
  return null;
}
