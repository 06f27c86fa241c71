import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VaksamError } from '../../src/errors/index.js';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../src/fetch/index.js';

export const TEST_USER_AGENT = 'Vaksam/0.1 (+https://example.org/vaksam)';

export interface TestServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** Every request seen, in arrival order. */
  requests: IncomingMessage[];
  /** Resolves once `count` requests (robots.txt included) have arrived. */
  arrived(count: number): Promise<void>;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real node:http server on 127.0.0.1, port 0. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const events = new EventEmitter();
  const server = createServer((req, res) => {
    requests.push(req);
    events.emit('request');
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    async arrived(count) {
      while (requests.length < count) await once(events, 'request');
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Requests other than /robots.txt. */
export function pageRequests(server: TestServer): IncomingMessage[] {
  return server.requests.filter((req) => req.url !== '/robots.txt');
}

/**
 * Options for tests: loopback allowed, no robots.txt and no politeness interval unless a test turns them on.
 */
export function testOptions(overrides: Partial<FetcherOptions> = {}): FetcherOptions {
  return {
    userAgent: TEST_USER_AGENT,
    allowPrivateNetworks: ['127.0.0.1/32', '::1/128'],
    respectRobots: false,
    perHostMinIntervalMs: 0,
    ...overrides,
  };
}

/** Creates fetchers and servers for one test file and closes them all afterwards. */
export function createTracker() {
  const closers: Array<() => Promise<void>> = [];
  return {
    fetcher(overrides: Partial<FetcherOptions> = {}): Fetcher {
      const fetcher = createFetcher(testOptions(overrides));
      closers.push(() => fetcher.close());
      return fetcher;
    },
    async server(handler: Handler): Promise<TestServer> {
      const server = await startServer(handler);
      closers.push(() => server.close());
      return server;
    },
    async closeAll(): Promise<void> {
      const pending = closers.splice(0).reverse();
      for (const close of pending) await close();
    },
  };
}

/** Awaits a promise that must reject with a VaksamError and returns the error (fails the test otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<VaksamError & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof VaksamError) return err as VaksamError & Record<string, unknown>;
    throw err;
  }
  throw new Error('expected the promise to reject');
}
