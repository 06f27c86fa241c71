import { afterEach, describe, expect, it } from 'vitest';
import { createTracker, rejection } from './test-server.js';

const track = createTracker();
afterEach(() => track.closeAll());

describe('redirects', () => {
  it('follows a chain of relative and absolute redirects and lists every hop', async () => {
    const server = await track.server((req, res) => {
      const next: Record<string, string> = { '/a': '/b', '/b': `http://127.0.0.1:${req.socket.localPort}/c?x=1` };
      const location = next[req.url ?? ''];
      if (location) res.writeHead(req.url === '/a' ? 301 : 308, { Location: location }).end();
      else res.end(`final ${req.url}`);
    });
    const response = await track.fetcher().fetch({ url: `${server.origin}/a` });

    expect(response.url).toBe(`${server.origin}/c?x=1`);
    expect(response.redirects).toEqual([`${server.origin}/b`, `${server.origin}/c?x=1`]);
    expect(response.body.toString()).toBe('final /c?x=1');
  });

  it('fails with FETCH_TOO_MANY_REDIRECTS past maxRedirects', async () => {
    const server = await track.server((req, res) => {
      const hop = Number(req.url?.slice(1));
      res.writeHead(302, { Location: `/${hop + 1}` }).end();
    });
    const err = await rejection(track.fetcher({ maxRedirects: 3 }).fetch({ url: `${server.origin}/0` }));

    expect(err.code).toBe('FETCH_TOO_MANY_REDIRECTS');
    expect(err.message).toContain('more than 3 redirects');
    expect(server.requests.map((req) => req.url)).toEqual(['/0', '/1', '/2', '/3']);
  });

  it('detects a redirect loop at the first repeated URL', async () => {
    const server = await track.server((req, res) => {
      res.writeHead(302, { Location: req.url === '/ping' ? '/pong' : '/ping' }).end();
    });
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/ping` }));

    expect(err.code).toBe('FETCH_TOO_MANY_REDIRECTS');
    expect(err.message).toContain(`redirect loop back to ${server.origin}/ping`);
    expect(server.requests).toHaveLength(2);
  });

  it('re-checks the scheme of every hop', async () => {
    const server = await track.server((_req, res) => {
      res.writeHead(302, { Location: 'file:///etc/passwd' }).end();
    });
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/` }));

    expect(err.code).toBe('FETCH_BLOCKED');
    expect(err.message).toContain("scheme 'file:' is not allowed");
  });

  it('drops Authorization and Cookie on a redirect to another origin but keeps them on the same origin', async () => {
    const other = await track.server((_req, res) => res.end('other'));
    const server = await track.server((req, res) => {
      if (req.url === '/start') res.writeHead(302, { Location: '/same' }).end();
      else res.writeHead(302, { Location: `${other.origin}/elsewhere` }).end();
    });
    await track.fetcher().fetch({
      url: `${server.origin}/start`,
      headers: { Authorization: 'Bearer secret', Cookie: 'session=1', Accept: 'application/json' },
    });

    expect(server.requests.map((req) => req.headers.authorization)).toEqual(['Bearer secret', 'Bearer secret']);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.headers.cookie).toBeUndefined();
    expect(other.requests[0]?.headers.accept).toBe('application/json');
  });

  it('returns a 3xx without Location as an error instead of following it', async () => {
    const server = await track.server((_req, res) => res.writeHead(302).end());
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/` }));

    expect(err).toMatchObject({ code: 'FETCH_HTTP_3XX', status: 302 });
  });
});
