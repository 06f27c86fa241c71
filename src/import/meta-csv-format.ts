import { DEFAULT_SOURCE_TIME_ZONE } from '../sources/index.js';
import { parseDate } from '../text/index.js';
import type { ImportRow } from './types.js';

/**
 * Columns of a Meta Content Library CSV export we read (its API field names, nested fields dotted): `id` and
 * `text` (required; `text` is not in the library's default projection, so the export must include it),
 * `creation_time`, `lang`, `post_owner.username` or else `post_owner.name` as author, and `url` when a user added
 * one (the library has no permalink field). Every other non-empty column (statistics.*, surface.*, post_owner.*,
 * multimedia, link_url...) is kept as metadata.
 */
export const META_CSV_REQUIRED = ['id', 'text'] as const;

const MAPPED = new Set(['id', 'text', 'creation_time', 'lang', 'post_owner.username', 'post_owner.name', 'url']);

/** A Meta Content Library export row as an imported item (platform facebook unless told instagram). */
export function metaRowToRow(row: Record<string, string>, line: number, platform: string, timeZone: string = DEFAULT_SOURCE_TIME_ZONE): ImportRow {
  const id = row.id?.trim() ?? '';
  if (id === '') return { line, error: "empty 'id'" };
  const created = row.creation_time?.trim() ?? '';
  const publishedAt = created === '' ? null : parseDate(created, { timeZone });
  if (created !== '' && publishedAt === null) return { line, error: `creation_time '${created}' is not a date` };
  const metadata: Record<string, unknown> = { format: 'meta-content-library', ...(created !== '' ? { publishedRaw: created } : {}) };
  for (const [column, value] of Object.entries(row)) {
    if (MAPPED.has(column) || value.trim() === '') continue;
    metadata[column] = /^statistics\./.test(column) && /^\d+$/.test(value.trim()) ? Number(value) : value;
  }
  const url = (row.url ?? '').trim();
  return {
    line,
    item: {
      platform,
      externalId: id,
      url: url === '' ? null : url,
      authorHandle: nonEmpty(row['post_owner.username']) ?? nonEmpty(row['post_owner.name']),
      title: null,
      text: row.text?.replace(/\r\n?/g, '\n').trim() ?? '',
      language: nonEmpty(row.lang),
      publishedAt,
      metadata: { ...metadata, ownerName: nonEmpty(row['post_owner.name']) },
    },
  };
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
