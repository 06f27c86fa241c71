import { decodeBody, type FetchResponse } from '../../fetch/index.js';
import { collectPages, describeSource, readCursor, SourceUnavailableError, type PageRead } from '../api/index.js';
import type { CollectContext, CollectedItem, CollectResult, SourceAdapter } from '../types.js';
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
  const cursorWarnings: string[] = [];
  const stored = readCursor(telegramCursorSchema, ctx.source.cursor, label, cursorWarnings);
  const storedId = stored?.newestId ?? 0;
  const channelUrl = `${config.baseUrl}/s/${config.channel}`;
  let newestId = storedId;
  let before: number | null = null;
  // A web page for people, so robots.txt applies.
  const request = (older: number | null) => ({ url: older === null ? channelUrl : `${channelUrl}?before=${older}`, headers: { accept: 'text/html' } });

  const readPage = (response: FetchResponse): PageRead => {
    const html = decodeBody(response.body, { contentType: response.headers['content-type'] ?? null, kind: 'html' });
    const page = parseChannelPage(html.text, response.url);
    if (!page.isChannel) {
      throw new SourceUnavailableError(
        `${label}: ${response.url} is not a channel's message history; the channel '${config.channel}' may not ` +
          'exist, be private, or have its web preview disabled',
        { details: { url: response.url, status: response.status } },
      );
    }
    let reachedStored = false;
    const items: CollectedItem[] = [];
    for (const { id, item } of page.messages) {
      if (id <= storedId) {
        reachedStored = true;
        continue;
      }
      newestId = Math.max(newestId, id);
      items.push(item);
    }
    before = olderBefore(page.olderBefore, page.messages, before);
    return {
      kind: 'page',
      items,
      quarantined: page.quarantined,
      warnings: html.warnings.map((warning) => `${label}: ${response.url}: ${warning}`),
      entries: page.messages.length,
      next: reachedStored || before === null || before <= 1 ? null : request(before),
    };
  };

  const run = await collectPages(ctx, { label, first: request(null), requestsPerMinute: config.requestsPerMinute, maxPages: config.maxPages, readPage });
  run.warnings.unshift(...cursorWarnings);
  if (stored !== null && run.more) {
    run.warnings.push(
      `${label}: stopped after ${run.pages} pages before reaching message ${storedId}; messages between it and ` +
        `${before} were skipped (raise maxPages or collect more often)`,
    );
  }
  return run.result(newestId > storedId ? { newestId } : null);
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
