import { afterEach, describe, expect, it } from 'vitest';
import { isPermanent } from '../../src/errors/index.js';
import { createTracker, rejection, TEST_USER_AGENT } from './test-server.js';

const track = createTracker();
afterEach(() => track.closeAll());

describe('fetch', () => {
  it('returns status, lower-cased headers, body and validators, sending our User-Agent and Accept-Encoding', async () => {
    const server = await track.server((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/rss+xml',
        ETag: '"v1"',
        'Last-Modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
      });
      res.end('<rss/>');
    });
    const response = await track
      .fetcher()
      .fetch({ url: `${server.origin}/feed.xml`, headers: { Accept: 'application/rss+xml' } });

    expect(response).toMatchObject({
      url: `${server.origin}/feed.xml`,
      status: 200,
      notModified: false,
      etag: '"v1"',
      lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
      redirects: [],
      bytes: 6,
      warnings: [],
    });
    expect(response.headers['content-type']).toBe('application/rss+xml');
    expect(response.body.toString()).toBe('<rss/>');
    const [seen] = server.requests;
    expect(seen?.headers['user-agent']).toBe(TEST_USER_AGENT);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.headers.accept).toBe('application/rss+xml');
  });

  it('sends If-None-Match and If-Modified-Since and reports 304 as not modified with an empty body', async () => {
    const server = await track.server((req, res) => {
      const fresh =
        req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Mon, 01 Jan 2024 00:00:00 GMT';
      res.writeHead(fresh ? 304 : 200, { ETag: '"v1"' });
      res.end(fresh ? undefined : 'full body');
    });
    const response = await track.fetcher().fetch({
      url: `${server.origin}/feed`,
      etag: '"v1"',
      lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
    });

    expect(response).toMatchObject({ status: 304, notModified: true, bytes: 0, etag: '"v1"' });
    expect(response.body.length).toBe(0);
    // The 304 did not repeat Last-Modified: the validator we sent is still current.
    expect(response.lastModified).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
  });

  it.each([
    [404, 'FETCH_GONE', true],
    [410, 'FETCH_GONE', true],
    [403, 'FETCH_HTTP_4XX', false],
    [500, 'FETCH_HTTP_5XX', false],
    [503, 'FETCH_HTTP_5XX', false],
  ])('turns HTTP %i into %s keeping the status (permanent: %s)', async (status, code, permanent) => {
    const server = await track.server((_req, res) => {
      res.writeHead(status);
      res.end('nope');
    });
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/x?token=s3cret&q=lvu` }));

    expect(err).toMatchObject({ code, status });
    expect(err.details).toMatchObject({ url: `${server.origin}/x?token=%5Bredacted%5D&q=lvu`, status });
    expect(err.message).toContain(`${server.origin}/x?token=%5Bredacted%5D&q=lvu`);
    expect(err.message).not.toContain('s3cret');
    expect(isPermanent(err)).toBe(permanent);
  });

  it('refuses non-http schemes, credentials in the URL and garbage before any request', async () => {
    const fetcher = track.fetcher();
    const cases: Array<[string, string]> = [
      ['file:///etc/passwd', 'FETCH_BLOCKED'],
      ['ftp://example.org/feed', 'FETCH_BLOCKED'],
      ['http://user:secret@127.0.0.1/', 'FETCH_BLOCKED'],
      ['not a url', 'FETCH_BAD_URL'],
    ];
    for (const [url, code] of cases) {
      const err = await rejection(fetcher.fetch({ url }));
      expect(err.code, url).toBe(code);
      expect(err.message).not.toContain('secret');
    }
  });

  it('fails with FETCH_NETWORK naming the URL when nothing listens', async () => {
    const server = await track.server(() => undefined);
    await server.close();
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/gone` }));

    expect(err.code).toBe('FETCH_NETWORK');
    expect(err.message).toContain(`${server.origin}/gone`);
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('stops the caller-aborted request with FETCH_ABORTED', async () => {
    const server = await track.server(() => undefined);
    const controller = new AbortController();
    const pending = track.fetcher().fetch({ url: `${server.origin}/slow`, signal: controller.signal });
    await server.arrived(1);
    controller.abort();

    expect((await rejection(pending)).code).toBe('FETCH_ABORTED');
  });
});
