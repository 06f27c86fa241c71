import { afterEach, describe, expect, it } from 'vitest';
import { isPermanent } from '../../src/errors/index.js';
import { FetchRetryLaterError, parseRetryAfter } from '../../src/fetch/index.js';
import { DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS, retryLaterDelay } from '../../src/fetch/response.js';
import { createTracker, pageRequests, rejection } from './test-server.js';

const track = createTracker();
afterEach(() => track.closeAll());

const NOW = Date.parse('2024-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Fri, 01 Mar 2024 12:01:30 GMT', 90_000],
    ['Fri, 01 Mar 2024 11:00:00 GMT', 0],
    ['999999999', MAX_RETRY_AFTER_MS],
    ['soon', null],
    ['-5', null],
    ['', null],
    [undefined, null],
  ])('reads %o as %o ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    [429, undefined, DEFAULT_RETRY_AFTER_MS],
    [429, '5', 5000],
    [503, '5', 5000],
    [503, undefined, null],
    [500, '5', null],
  ])('HTTP %i with Retry-After %o means wait %o ms', (status, header, expected) => {
    expect(retryLaterDelay(status, header, NOW)).toBe(expected);
  });
});

describe('Retry-After handling', () => {
  it('throws FETCH_RETRY_LATER on 429 and fails later requests to the host fast without asking it', async () => {
    const server = await track.server((_req, res) => res.writeHead(429, { 'Retry-After': '120' }).end());
    const fetcher = track.fetcher();
    const first = await rejection(fetcher.fetch({ url: `${server.origin}/a` }));

    expect(first).toBeInstanceOf(FetchRetryLaterError);
    expect(first).toMatchObject({ code: 'FETCH_RETRY_LATER', status: 429, retryAfterMs: 120_000 });
    expect(first.details).toMatchObject({ url: `${server.origin}/a`, status: 429, retryAfterMs: 120_000 });
    expect(isPermanent(first)).toBe(false);

    const second = await rejection(fetcher.fetch({ url: `${server.origin}/b` }));
    expect(second).toMatchObject({ code: 'FETCH_RETRY_LATER', status: 429 });
    expect(second.retryAfterMs as number).toBeGreaterThan(100_000);
    expect(second.message).toContain('longer than the 30000 ms total timeout');
    expect(pageRequests(server)).toHaveLength(1);
  });

  it('treats 503 with an HTTP-date Retry-After the same way', async () => {
    const server = await track.server((_req, res) => {
      res.writeHead(503, { 'Retry-After': new Date(Date.now() + 3_600_000).toUTCString() }).end();
    });
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/` }));

    expect(err).toMatchObject({ code: 'FETCH_RETRY_LATER', status: 503 });
    expect(err.retryAfterMs as number).toBeGreaterThan(3_000_000);
  });

  it('makes the next request to the host wait out a short pause instead of failing', async () => {
    const server = await track.server((_req, res) => {
      if (pageRequests(server).length === 1) res.writeHead(503, { 'Retry-After': '1' }).end();
      else res.end('back');
    });
    const fetcher = track.fetcher();
    await expect(fetcher.fetch({ url: `${server.origin}/` })).rejects.toMatchObject({ code: 'FETCH_RETRY_LATER' });
    const response = await fetcher.fetch({ url: `${server.origin}/` });

    expect(response.body.toString()).toBe('back');
    expect(pageRequests(server)).toHaveLength(2);
  });
});
