import { z } from 'zod';
import { describeIssues } from '../sources/api/index.js';
import { DEFAULT_SOURCE_TIME_ZONE } from '../sources/index.js';
import { parseDate } from '../text/index.js';
import type { ImportRow } from './types.js';

/**
 * The documented generic format, one post per CSV row or JSON Lines object:
 * `id` (required), `platform` (required unless --platform is given), `text` (required), `url`, `author`,
 * `published_at` (ISO 8601 or any common date form), `lang`, `title`. Other CSV columns, and a JSON `metadata`
 * object, are kept as metadata.
 */
export const GENERIC_REQUIRED_COLUMNS = ['id', 'text'] as const;

const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => {
    const text = value === null || value === undefined ? '' : String(value).trim();
    return text === '' ? null : text;
  });

const genericSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number()]).transform(String),
  platform: optionalText,
  text: z.string(),
  url: optionalText.pipe(z.url({ protocol: /^https?$/ }).nullable()),
  author: optionalText,
  published_at: optionalText,
  lang: optionalText,
  title: optionalText,
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const KNOWN = new Set(Object.keys(genericSchema.shape));

export function genericRecordToRow(
  record: Record<string, unknown>,
  line: number,
  defaultPlatform: string | undefined,
  timeZone: string = DEFAULT_SOURCE_TIME_ZONE,
): ImportRow {
  const parsed = genericSchema.safeParse(record);
  if (!parsed.success) return { line, error: describeIssues(parsed.error) };
  const row = parsed.data;
  const platform = row.platform ?? defaultPlatform;
  if (platform === undefined) return { line, error: "no 'platform' value and no default platform given" };
  const publishedAt = row.published_at === null ? null : parseDate(row.published_at, { timeZone });
  if (row.published_at !== null && publishedAt === null) {
    return { line, error: `published_at '${row.published_at}' is not a date` };
  }
  const extra = Object.fromEntries(Object.entries(record).filter(([key, value]) => !KNOWN.has(key) && value !== ''));
  return {
    line,
    item: {
      platform: platform.toLowerCase(),
      externalId: row.id,
      url: row.url,
      authorHandle: row.author,
      title: row.title,
      text: row.text.replace(/\r\n?/g, '\n'),
      language: row.lang,
      publishedAt,
      metadata: { ...extra, ...row.metadata, ...(row.published_at !== null ? { publishedRaw: row.published_at } : {}) },
    },
  };
}
