import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchRetryLaterError } from '../../../src/fetch/index.js';
import { SourceResponseError } from '../../../src/sources/api/index.js';
import { youtubeAdapter } from '../../../src/sources/youtube/index.js';
import { closeTestFetchers, startReplayServer, testContext, type ReplayServer } from '../api/collect-context.js';

const feedXml = readFileSync(new URL('../../fixtures/youtube/channel-feed.xml', import.meta.url), 'utf8');
const CHANNEL = 'UCa1b2c3d4e5f6g7h8i9j0kL';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  await closeTestFetchers();
});

const run = (cursor: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  youtubeAdapter.collect(
    testContext({ kind: 'youtube', cursor }),
    youtubeAdapter.configSchema.parse({ channelId: CHANNEL, baseUrl: server!.url, ...extra }),
  );

describe('youtubeAdapter', () => {
  it('fetches the channel feed and stores its validators', async () => {
    server = await startReplayServer(() => ({
      headers: { 'content-type': 'text/xml; charset=UTF-8', etag: '"feed-v1"' },
      body: feedXml,
    }));
    const result = await run();

    expect(server.urls[0]!.pathname).toBe('/feeds/videos.xml');
    expect(server.urls[0]!.searchParams.get('channel_id')).toBe(CHANNEL);
    expect(result.items.map((item) => item.externalId)).toEqual(['Ab3dE_fG9hI', 'Zx9_yW8vU7t']);
    expect(result.quarantined).toHaveLength(1);
    expect(result.cursor).toEqual({ etag: '"feed-v1"', lastModified: null });
    expect(result).toMatchObject({ httpStatus: 200, notModified: false });
  });

  it('sends the stored validators and reports 304 as not modified', async () => {
    const seen: Array<string | undefined> = [];
    server = await startReplayServer((_url, _origin, request) => {
      seen.push(request.headers['if-none-match']);
      return { status: 304, headers: { etag: '"feed-v1"' } };
    });
    const result = await run({ etag: '"feed-v1"', lastModified: null });

    expect(seen).toEqual(['"feed-v1"']);
    expect(result).toMatchObject({ items: [], notModified: true, cursor: null, httpStatus: 304 });
  });

  it('asks for a playlist feed', async () => {
    server = await startReplayServer(() => ({ headers: { 'content-type': 'application/atom+xml' }, body: feedXml }));
    await run({}, { channelId: undefined, playlistId: 'PLa1b2c3d4e5f6g7h8' });
    expect(server.urls[0]!.searchParams.get('playlist_id')).toBe('PLa1b2c3d4e5f6g7h8');
  });

  it('throws SourceResponseError on an HTML page instead of the feed', async () => {
    server = await startReplayServer(() => ({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html><html><head><title>Before you continue to YouTube</title></head></html>',
    }));
    await expect(run()).rejects.toThrow(SourceResponseError);
  });

  it('surfaces 503 with Retry-After as FetchRetryLaterError', async () => {
    server = await startReplayServer(() => ({ status: 503, headers: { 'retry-after': '10' }, body: 'busy' }));
    await expect(run()).rejects.toBeInstanceOf(FetchRetryLaterError);
  });

  it.each([[{}], [{ channelId: CHANNEL, playlistId: 'PLa1b2c3d4e5f6g7h8' }], [{ channelId: '@handle' }]])(
    'rejects the config %j',
    (raw) => {
      expect(youtubeAdapter.configSchema.safeParse(raw).success).toBe(false);
    },
  );
});
