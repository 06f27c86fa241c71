import type { z } from 'zod';
import type { QuarantinedItem } from '../types.js';

export interface Validated<T> {
  valid: Array<{ value: T; raw: unknown }>;
  quarantined: QuarantinedItem[];
}

/**
 * Validates each raw API item on its own, so one item in a changed shape is quarantined with its payload and the
 * reason while the rest of the page is kept.
 */
export function validateEach<T>(
  schema: z.ZodType<T>,
  raws: readonly unknown[],
  idOf: (raw: unknown) => string | null,
): Validated<T> {
  const result: Validated<T> = { valid: [], quarantined: [] };
  for (const raw of raws) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) result.valid.push({ value: parsed.data, raw });
    else result.quarantined.push({ externalId: idOf(raw), reason: describeIssues(parsed.error), raw });
  }
  return result;
}

/** "account.acct: expected string, received undefined; created_at: invalid ISO datetime" (at most five issues). */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return `schema mismatch: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** The value of a string or number field of an object-shaped payload, for naming a quarantined item. */
export function stringField(raw: unknown, key: string): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : null;
}
