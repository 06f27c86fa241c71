import type { ImportRow } from './types.js';

/** What an import read: rows accepted and rejected, with the first rejections' line numbers and reasons. */
export interface ImportSummary {
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejections: Array<{ line: number; error: string }>;
  /** Rejections beyond the listed ones, counted but not kept (a broken 2 GB file must not fill memory). */
  rejectionsNotListed: number;
}

export function emptyImportSummary(): ImportSummary {
  return { rowsRead: 0, accepted: 0, rejected: 0, rejections: [], rejectionsNotListed: 0 };
}

/**
 * Counts one row into the summary and returns it. It updates the summary in place so that counting stays O(1) per
 * row over millions of rows; at most `maxListed` rejections are kept.
 */
export function summariseImport(summary: ImportSummary, row: ImportRow, maxListed = 100): ImportSummary {
  summary.rowsRead += 1;
  if ('item' in row) {
    summary.accepted += 1;
    return summary;
  }
  summary.rejected += 1;
  listRejection(summary, row.line, row.error, maxListed);
  return summary;
}

/** A row that was read and accepted, but that the database refused: it counts as rejected after all. */
export function rejectStoredRow(summary: ImportSummary, line: number, error: string, maxListed = 100): void {
  summary.accepted -= 1;
  summary.rejected += 1;
  listRejection(summary, line, error, maxListed);
}

function listRejection(summary: ImportSummary, line: number, error: string, maxListed: number): void {
  if (summary.rejections.length < maxListed) summary.rejections.push({ line, error });
  else summary.rejectionsNotListed += 1;
}
