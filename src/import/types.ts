import type { CollectedItem } from '../sources/index.js';

/** The export formats `vaksam import --format` accepts. */
export const IMPORT_FORMATS = ['x', 'meta-csv', 'tiktok', 'csv', 'jsonl'] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** An imported post: a collected item plus the platform it came from (x, facebook, instagram, tiktok...). */
export type ImportedItem = CollectedItem & { platform: string };

/** One row of an import: an item, or why the row at `line` (1-based, where the row starts) was rejected. */
export type ImportRow = { line: number; item: ImportedItem } | { line: number; error: string };

export interface ImportOptions {
  /**
   * Platform of rows that do not name one: generic csv/jsonl rows without a `platform` value, and Meta Content
   * Library exports ('facebook' by default; pass 'instagram' for an Instagram export).
   */
  platform?: string;
  /**
   * IANA zone of csv/jsonl `published_at` and Meta `creation_time` values written without a zone or offset (default
   * Europe/Stockholm, as for collected sources); the raw value is kept in metadata.publishedRaw.
   */
  timeZone?: string;
  /** X archive (tweets.js) only: the archive owner's handle, which tweets.js does not repeat in each tweet. */
  accountHandle?: string;
  /** Character encoding of the file (iconv-lite names); default utf-8. A UTF-8 byte order mark is skipped. */
  encoding?: string;
  /** Called after each chunk read with the bytes read so far (for a progress bar against the file size). */
  onProgress?: (bytesRead: number) => void;
  /** UTF-8 files: called with the number of invalid byte sequences replaced by U+FFFD (a wrong --encoding, likely). */
  onUndecodable?: (count: number) => void;
  /** Longest single row, JSON value or CSV record, in characters; a longer one stops the import (default 16 Mi). */
  maxRowChars?: number;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_ROW_CHARS = 16 * 1024 * 1024;
