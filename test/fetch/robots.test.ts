import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPermanent } from '../../src/errors/index.js';
import { createTracker, pageRequests, rejection } from './test-server.js';

const track = createTracker();
afterEach(async () => {
  vi.useRealTimers();
  await track.closeAll();
});

const ROBOTS = ['User-agent: *', 'Disallow: /', '', 'User-agent: Vaksam', 'Disallow: /private/', 'Allow: /'].join('\n');

/** A site that answers /robots.txt with `robots` and every other path with "page". */
function site(robots: (res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/robots.txt') robots(res);
    else res.end('page');
  };
}

const robotsRequests = (requests: IncomingMessage[]) => requests.filter((req) => req.url === '/robots.txt');

describe('robots.txt', () => {
  it('applies the group for our product token and refuses disallowed paths permanently', async () => {
    const server = await track.server(site((res) => res.end(ROBOTS)));
    const fetcher = track.fetcher({ respectRobots: true });

    await expect(fetcher.fetch({ url: `${server.origin}/news/feed.xml` })).resolves.toMatchObject({
      status: 200,
      warnings: [],
    });
    const err = await rejection(fetcher.fetch({ url: `${server.origin}/private/list` }));
    expect(err.code).toBe('FETCH_ROBOTS_DISALLOWED');
    expect(err.message).toContain(`${server.origin}/private/list`);
    expect(err.message).toContain("user agent 'vaksam'");
    expect(isPermanent(err)).toBe(true);
    expect(pageRequests(server).map((req) => req.url)).toEqual(['/news/feed.xml']);
  });

  it('fetches robots.txt once per origin, even for concurrent requests, with our User-Agent', async () => {
    const server = await track.server(site((res) => res.end(ROBOTS)));
    const fetcher = track.fetcher({ respectRobots: true });
    await Promise.all([1, 2, 3].map((n) => fetcher.fetch({ url: `${server.origin}/a/${n}` })));
    await fetcher.fetch({ url: `${server.origin}/b` });

    const robots = robotsRequests(server.requests);
    expect(robots).toHaveLength(1);
    expect(robots[0]?.headers['user-agent']).toMatch(/^Vaksam\//);
  });

  it('fetches robots.txt again once the TTL has passed', async () => {
    const server = await track.server(site((res) => res.end(ROBOTS)));
    const fetcher = track.fetcher({ respectRobots: true, robotsTtlMs: 3_600_000 });
    vi.useFakeTimers({ toFake: ['Date'] });
    await fetcher.fetch({ url: `${server.origin}/a` });
    vi.setSystemTime(Date.now() + 3_599_000);
    await fetcher.fetch({ url: `${server.origin}/b` });
    vi.setSystemTime(Date.now() + 2000);
    await fetcher.fetch({ url: `${server.origin}/c` });

    expect(robotsRequests(server.requests)).toHaveLength(2);
  });

  it.each([
    [404, []],
    [410, []],
    [403, []],
  ])('allows everything when robots.txt answers %i', async (status, warnings) => {
    const server = await track.server(site((res) => res.writeHead(status).end('Disallow: /')));
    const response = await track.fetcher({ respectRobots: true }).fetch({ url: `${server.origin}/private/x` });

    expect(response.warnings).toEqual(warnings);
  });

  it('allows with a warning when robots.txt answers 500, and does not ask again within the retry window', async () => {
    const server = await track.server(site((res) => res.writeHead(500).end()));
    const fetcher = track.fetcher({ respectRobots: true });
    const first = await fetcher.fetch({ url: `${server.origin}/x` });
    const second = await fetcher.fetch({ url: `${server.origin}/y` });

    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatch(
      /^robots\.txt unavailable, fetched without it \(FETCH_HTTP_5XX: .*robots\.txt: HTTP 500/,
    );
    expect(second.warnings).toEqual(first.warnings);
    expect(robotsRequests(server.requests)).toHaveLength(1);
  });

  it('allows with a warning when robots.txt times out', async () => {
    const server = await track.server((req, res) => {
      if (req.url !== '/robots.txt') res.end('page');
    });
    const response = await track
      .fetcher({ respectRobots: true, headersTimeoutMs: 100 })
      .fetch({ url: `${server.origin}/x` });

    expect(response.body.toString()).toBe('page');
    expect(response.warnings[0]).toContain('FETCH_TIMEOUT');
  });

  it('checks robots.txt of every origin a redirect leads to', async () => {
    const target = await track.server(site((res) => res.end('User-agent: vaksam\nDisallow: /')));
    const server = await track.server((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(404).end();
      else res.writeHead(302, { Location: `${target.origin}/moved` }).end();
    });
    const err = await rejection(track.fetcher({ respectRobots: true }).fetch({ url: `${server.origin}/old` }));

    expect(err.code).toBe('FETCH_ROBOTS_DISALLOWED');
    expect(err.message).toContain(`${target.origin}/moved`);
    expect(pageRequests(target)).toHaveLength(0);
  });

  it('skips robots.txt when the request says ignoreRobots', async () => {
    const server = await track.server(site((res) => res.end('User-agent: *\nDisallow: /')));
    await track.fetcher({ respectRobots: true }).fetch({ url: `${server.origin}/api`, ignoreRobots: true });

    expect(robotsRequests(server.requests)).toHaveLength(0);
  });
});
