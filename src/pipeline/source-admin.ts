import type { Db } from '../db/index.js';
import {
  deleteSource,
  getSource,
  insertSource,
  listSources,
  setSourceEnabled,
  type SourceRow,
} from '../db/queries/index.js';
import { VaksamError } from '../errors/index.js';
import type { Queues } from '../queue/index.js';
import { SourceConfigError, type SourceRegistry } from '../sources/index.js';
import { SourceNotFoundError } from './collect-source.js';

export interface SourceInput {
  kind: string;
  name?: string;
  url: string;
  config?: Record<string, unknown>;
  everyMinutes?: number;
}

export interface SourceAdminDeps {
  db: Db;
  registry: SourceRegistry;
  /** Null when Redis is not reachable: the change is stored and `start` schedules it later. */
  queues: Queues | null;
  now: () => Date;
  defaultEveryMinutes: number;
}

export class SourceExistsError extends VaksamError {
  constructor(identity: string) {
    super('SOURCE_EXISTS', `a source with the same name or the same kind, URL and config already exists (${identity})`);
  }
}

const MAX_NAME = 200;

/** Validates, stores and schedules a new source. Adapters read the URL from the source, settings from config. */
export async function addSource(deps: SourceAdminDeps, input: SourceInput): Promise<SourceRow> {
  const url = normalizeSourceUrl(input.url);
  const config = deps.registry.parseConfig(input.kind, input.config ?? {}, input.name ?? url) as Record<string, unknown>;
  const name = (input.name ?? defaultName(input.kind, url)).trim().slice(0, MAX_NAME);
  const everyMinutes = input.everyMinutes ?? deps.defaultEveryMinutes;
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) {
    throw new SourceConfigError(`every must be a whole number of minutes ≥ 1, got ${input.everyMinutes}`);
  }
  const identityKey = sourceIdentityKey(input.kind, url, config);
  const row = await insertSource(deps.db, { kind: input.kind, name, url, config, everyMinutes, identityKey });
  if (!row) throw new SourceExistsError(name);
  await deps.queues?.scheduleSource(row.id, row.everyMinutes);
  return row;
}

export async function pauseSource(deps: SourceAdminDeps, id: number): Promise<SourceRow> {
  const row = await setSourceEnabled(deps.db, id, false, deps.now());
  if (!row) throw new SourceNotFoundError(id);
  await deps.queues?.unscheduleSource(id);
  return row;
}

export async function resumeSource(deps: SourceAdminDeps, id: number): Promise<SourceRow> {
  const row = await setSourceEnabled(deps.db, id, true, deps.now());
  if (!row) throw new SourceNotFoundError(id);
  await deps.queues?.scheduleSource(id, row.everyMinutes);
  return row;
}

/** Removes the source, its schedule, and (by cascade) its posts and runs. */
export async function removeSource(deps: SourceAdminDeps, id: number): Promise<void> {
  if (!(await getSource(deps.db, id))) throw new SourceNotFoundError(id);
  await deps.queues?.unscheduleSource(id);
  await deleteSource(deps.db, id);
}

export function normalizeSourceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (cause) {
    throw new SourceConfigError(`'${raw}' is not an absolute URL (expected http:// or https://)`, {}, cause);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceConfigError(`source URL must use http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) throw new SourceConfigError('source URL must not contain credentials; put tokens in the config');
  url.hash = '';
  return url.toString();
}

/**
 * The id of a source that is filled by Vaksam itself, never collected (imports per platform, staff reports):
 * created disabled on first use; concurrent callers get the same row.
 */
export async function ensureUnscheduledSource(db: Db, source: { kind: string; name: string; url: string; config: Record<string, unknown> }): Promise<number> {
  const identityKey = sourceIdentityKey(source.kind, source.url, source.config);
  const inserted = await insertSource(db, { ...source, everyMinutes: 1440, identityKey, enabled: false });
  const id = inserted?.id ?? (await listSources(db)).find((s) => s.identityKey === identityKey)?.id;
  if (id === undefined) throw new Error(`cannot create the ${source.kind} source '${source.name}'`);
  return id;
}

export function sourceIdentityKey(kind: string, url: string, config: Record<string, unknown>): string {
  return `${kind} ${url} ${stableJson(config)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function defaultName(kind: string, url: string): string {
  const { host, pathname } = new URL(url);
  return `${kind}: ${host}${pathname === '/' ? '' : pathname}`;
}
