import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFetcher, type Fetcher } from '../../../src/fetch/index.js';
import { silentLogger } from '../../../src/log/index.js';
import type { CollectContext, SourceRecord } from '../../../src/sources/types.js';
import { startServer, type TestServer } from '../../helpers/http-server.js';

const openFetchers: Fetcher[] = [];

/** The fetcher every adapter test uses: real HTTP to 127.0.0.1 only, no robots.txt, no per-host spacing. */
export function testFetcher(): Fetcher {
  const fetcher = createFetcher({
    userAgent: 'Vaksam-test/0.1 (+https://example.org/vaksam)',
    allowPrivateNetworks: ['127.0.0.1/32'],
    respectRobots: false,
    perHostMinIntervalMs: 0,
  });
  openFetchers.push(fetcher);
  return fetcher;
}

/** Closes every fetcher testFetcher made; call it in afterEach. */
export async function closeTestFetchers(): Promise<void> {
  await Promise.all(openFetchers.splice(0).map((fetcher) => fetcher.close()));
}

export function testContext(
  source: Partial<SourceRecord> & Pick<SourceRecord, 'kind'>,
  fetcher = testFetcher(),
): CollectContext {
  return {
    source: { id: 1, name: 'test', url: 'http://127.0.0.1/', config: {}, cursor: {}, ...source },
    fetcher,
    log: silentLogger,
    now: new Date('2026-11-23T08:00:00Z'),
    signal: new AbortController().signal,
    dryRun: false,
  };
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export interface ReplayServer extends TestServer {
  /** Every request URL (path and query) seen, in order. */
  urls: URL[];
}

/** A real node:http server on 127.0.0.1 whose route function answers each request; objects are sent as JSON. */
export async function startReplayServer(
  route: (url: URL, origin: string, request: IncomingMessage) => Reply,
): Promise<ReplayServer> {
  const urls: URL[] = [];
  let origin = '';
  const server = await startServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    urls.push(url);
    const reply = route(url, origin, request);
    const isJson = reply.body !== undefined && typeof reply.body === 'object' && !Buffer.isBuffer(reply.body);
    const body = isJson ? JSON.stringify(reply.body) : ((reply.body as string | Buffer | undefined) ?? '');
    response.writeHead(reply.status ?? 200, {
      'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      ...reply.headers,
    });
    response.end(body);
  });
  origin = server.url;
  return { ...server, urls };
}
