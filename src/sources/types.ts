import type { z } from 'zod';
import type { Logger } from 'pino';
import type { PostRow } from '../db/queries/index.js';
import type { Fetcher } from '../fetch/index.js';

/** What an adapter hands to the pipeline for one post or article: a post row before its content hash is taken. */
export type CollectedItem = Omit<PostRow, 'contentHash'>;

/** One row a source's run could not accept, kept with its raw payload. */
export interface QuarantinedItem {
  externalId: string | null;
  reason: string;
  raw: unknown;
}

/** The stored state of a source as an adapter sees it. */
export interface SourceRecord {
  id: number;
  kind: string;
  name: string;
  url: string;
  config: Record<string, unknown>;
  /** Adapter-owned incremental state (etag, last-modified, min_id, cursor...). */
  cursor: Record<string, unknown>;
}

export interface CollectContext {
  source: SourceRecord;
  fetcher: Fetcher;
  log: Logger;
  now: Date;
  signal: AbortSignal;
  /** When true, nothing is persisted by the caller: adapters must not advance remote state either. */
  dryRun: boolean;
}

export interface CollectResult {
  items: CollectedItem[];
  /** The cursor to store when the run's items are safely written; null keeps the old one. */
  cursor: Record<string, unknown> | null;
  quarantined: QuarantinedItem[];
  /** Problems that did not stop the run (malformed XML recovered, item without date...). */
  warnings: string[];
  /** HTTP status of the main request, bytes read over all requests. */
  httpStatus: number | null;
  bytes: number;
  notModified: boolean;
}

/** One source kind. Adding a kind is one new adapter file plus a line in the registry. */
export interface SourceAdapter<C = unknown> {
  kind: string;
  /** One line for `sources add --help`. */
  description: string;
  /** Validates the per-source config stored in sources.config. */
  configSchema: z.ZodType<C>;
  collect(ctx: CollectContext, config: C): Promise<CollectResult>;
}
