import type { FetchResponse } from '../../fetch/index.js';
import {
  bearerHeaders,
  collectPages,
  describeIssues,
  describeSource,
  parseJsonBody,
  readCursor,
  stringField,
  validateEach,
  type PageRead,
} from '../api/index.js';
import type { CollectContext, CollectResult, SourceAdapter } from '../types.js';
import { compareStatusIds, entryToItem, newestStatusId, oldestStatusId, parseLinkHeader } from './parse.js';
import {
  mastodonConfigSchema,
  mastodonCursorSchema,
  searchResultSchema,
  statusSchema,
  tagTimelineSchema,
  type MastodonConfig,
} from './schema.js';

/**
 * First run: the newest pages, walking `rel="next"` (older) up to maxPages. Later runs: `min_id=<stored newest id>`,
 * walking `rel="prev"` (newer), so a run only fetches what is new and a bounded run leaves no gap: the next run
 * continues where it stopped.
 */
export const mastodonAdapter: SourceAdapter<MastodonConfig> = {
  kind: 'mastodon',
  description: 'Mastodon hashtag timeline or status search on any instance (token optional)',
  configSchema: mastodonConfigSchema,
  collect: collectMastodon,
};

async function collectMastodon(ctx: CollectContext, config: MastodonConfig): Promise<CollectResult> {
  const label = describeSource(ctx.source);
  const cursorWarnings: string[] = [];
  const stored = readCursor(mastodonCursorSchema, ctx.source.cursor, label, cursorWarnings);
  const forward = stored !== null;
  const instanceHost = new URL(config.instance).host;
  const headers = { accept: 'application/json', ...bearerHeaders(config.token) };
  let newestId = stored?.newestId ?? null;

  const readPage = (response: FetchResponse, url: string): PageRead => {
    const entries = pageEntries(config, parseJsonBody(response, label));
    if (!Array.isArray(entries)) return { kind: 'wrong-shape', ...entries };
    const checked = validateEach(statusSchema, entries, (raw) => stringField(raw, 'uri') ?? stringField(raw, 'id'));
    const ids = entries.map((raw) => stringField(raw, 'id')).filter((id): id is string => id !== null);
    newestId = newestStatusId(ids, newestId);
    const next = entries.length === 0 ? null : nextPageUrl(response, url, config.instance, forward, ids);
    return {
      kind: 'page',
      items: checked.valid.map(({ value }) => entryToItem(value, instanceHost)),
      quarantined: checked.quarantined,
      entries: entries.length,
      next: next === null ? null : { url: next, headers, ignoreRobots: true },
    };
  };

  const run = await collectPages(ctx, {
    label,
    // API endpoints, not pages for crawlers; instances' robots.txt is about the web UI.
    first: { url: firstPageUrl(config, stored?.newestId ?? null), headers, ignoreRobots: true },
    requestsPerMinute: config.requestsPerMinute,
    maxPages: config.maxPages,
    minRateLimitRemaining: config.minRateLimitRemaining,
    readPage: (response, request) => readPage(response, request.url),
  });
  run.warnings.unshift(...cursorWarnings);
  const advanced = newestId !== null && (stored === null || compareStatusIds(newestId, stored.newestId) > 0);
  return run.result(advanced ? { newestId } : null);
}

function firstPageUrl(config: MastodonConfig, minId: string | null): string {
  const url =
    config.tag !== undefined
      ? new URL(`${config.instance}/api/v1/timelines/tag/${encodeURIComponent(config.tag)}`)
      : new URL(`${config.instance}/api/v2/search`);
  if (config.query !== undefined) {
    url.searchParams.set('q', config.query);
    url.searchParams.set('type', 'statuses');
    url.searchParams.set('resolve', 'false');
  }
  if (config.tag !== undefined && config.localOnly) url.searchParams.set('local', 'true');
  url.searchParams.set('limit', String(config.limit));
  if (minId !== null) url.searchParams.set('min_id', minId);
  return url.toString();
}

type PageEntries = unknown[] | { reason: string; raw: unknown };

function pageEntries(config: MastodonConfig, body: unknown): PageEntries {
  const parsed = config.tag !== undefined ? tagTimelineSchema.safeParse(body) : searchResultSchema.safeParse(body);
  if (!parsed.success) return { reason: describeIssues(parsed.error), raw: body };
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.statuses;
}

/**
 * The instance's own Link header when it gives one on the instance's origin (the tag timeline does); otherwise
 * (v2 search sends none) the same request with min_id/max_id moved past this page's ids.
 */
function nextPageUrl(
  response: FetchResponse,
  currentUrl: string,
  instance: string,
  forward: boolean,
  ids: string[],
): string | null {
  const linked = parseLinkHeader(response.headers.link).get(forward ? 'prev' : 'next');
  if (linked !== undefined && URL.canParse(linked) && new URL(linked).origin === new URL(instance).origin) {
    return linked;
  }
  const edge = forward ? newestStatusId(ids, null) : oldestStatusId(ids);
  if (edge === null) return null;
  const url = new URL(currentUrl);
  url.searchParams.delete('min_id');
  url.searchParams.delete('max_id');
  url.searchParams.set(forward ? 'min_id' : 'max_id', edge);
  return url.toString();
}
