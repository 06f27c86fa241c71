import { decodeBody } from '../../fetch/index.js';
import { describeSource, fetchPaced, minIntervalMs, readCursor, SourceUnavailableError } from '../api/index.js';
import type { CollectContext, CollectedItem, CollectResult, QuarantinedItem, SourceAdapter } from '../types.js';
import { parseChannelPage } from './parse.js';
import { telegramConfigSchema, telegramCursorSchema, type TelegramConfig } from './schema.js';

/**
 * Pages a public channel's web preview backwards from the newest message (`?before=<oldest id on the page>`) until
 * it reaches the stored newest id, the channel's first message or maxPages. A message deleted since the last run
 * does not matter: paging stops at any id at or below the stored one.
 */
export const telegramAdapter: SourceAdapter<TelegramConfig> = {
  kind: 'telegram',
  description: 'Public Telegram channel through its web preview (t.me/s/<channel>)',
  configSchema: telegramConfigSchema,
  collect: collectTelegram,
};

async function collectTelegram(ctx: CollectContext, config: TelegramConfig): Promise<CollectResult> {
  const label = describeSource(ctx.source);
  const warnings: string[] = [];
  const stored = readCursor(telegramCursorSchema, ctx.source.cursor, label, warnings);
  const storedId = stored?.newestId ?? 0;
  const interval = minIntervalMs(config.requestsPerMinute);
  const items = new Map<string, CollectedItem>();
  const quarantined: QuarantinedItem[] = [];
  const channelUrl = `${config.baseUrl}/s/${config.channel}`;
  let newestId = storedId;
  let before: number | null = null;
  let reachedStored = false;
  let bytes = 0;
  let httpStatus: number | null = null;
  let pages = 0;

  do {
    const url = before === null ? channelUrl : `${channelUrl}?before=${before}`;
    // A web page for people, so robots.txt applies.
    const response = await fetchPaced(ctx, { url, headers: { accept: 'text/html' } }, interval, warnings);
    pages += 1;
    bytes += response.bytes;
    httpStatus ??= response.status;
    const html = decodeBody(response.body, { contentType: response.headers['content-type'] ?? null, kind: 'html' });
    warnings.push(...html.warnings.map((warning) => `${label}: ${response.url}: ${warning}`));
    const page = parseChannelPage(html.text, response.url);
    if (!page.isChannel) {
      throw new SourceUnavailableError(
        `${label}: ${response.url} is not a channel's message history; the channel '${config.channel}' may not ` +
          'exist, be private, or have its web preview disabled',
        { details: { url: response.url, status: response.status } },
      );
    }
    quarantined.push(...page.quarantined);
    for (const { id, item } of page.messages) {
      if (id <= storedId) {
        reachedStored = true;
        continue;
      }
      newestId = Math.max(newestId, id);
      if (!items.has(item.externalId)) items.set(item.externalId, item);
    }
    ctx.log.debug({ sourceId: ctx.source.id, page: pages, messages: page.messages.length }, 'telegram page');
    before = olderBefore(page.olderBefore, page.messages, before);
  } while (!reachedStored && before !== null && before > 1 && pages < config.maxPages);

  if (stored !== null && !reachedStored && before !== null && before > 1) {
    warnings.push(
      `${label}: stopped after ${pages} pages before reaching message ${storedId}; messages between it and ` +
        `${before} were skipped (raise maxPages or collect more often)`,
    );
  }
  return {
    items: [...items.values()],
    cursor: newestId > storedId ? { newestId } : null,
    quarantined,
    warnings,
    httpStatus,
    bytes,
    notModified: false,
  };
}

/**
 * Where the next (older) page starts: the page's own "load more" id, else its oldest message; null at the start of
 * the channel or when the page would not move backwards (a page repeating itself must not loop until maxPages).
 */
function olderBefore(
  linked: number | null,
  messages: ReadonlyArray<{ id: number }>,
  previous: number | null,
): number | null {
  if (messages.length === 0) return null;
  const next = linked ?? Math.min(...messages.map((message) => message.id));
  return previous !== null && next >= previous ? null : next;
}
