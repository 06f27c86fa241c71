import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createFetcher, type Fetcher } from '../../../src/fetch/index.js';
import { silentLogger } from '../../../src/log/index.js';
import type { CollectContext } from '../../../src/sources/types.js';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RouteServer {
  origin: string;
  /** Path and headers of every request, in arrival order. */
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Replace or add the answer for a path; a function sees the request headers (for conditional GET). */
  routes: Map<string, Route | ((headers: IncomingHttpHeaders) => Route)>;
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1 port 0 answering from a route table; unknown paths get 404. */
export async function startRouteServer(): Promise<RouteServer> {
  const requests: RouteServer['requests'] = [];
  const routes: RouteServer['routes'] = new Map();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const entry = routes.get(path);
    const route = typeof entry === 'function' ? entry(req.headers) : (entry ?? { status: 404, body: 'not found' });
    res.writeHead(route.status ?? 200, route.headers ?? {});
    res.end(route.body ?? '');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    routes,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The real fetcher, allowed to reach the loopback test server, without robots.txt or politeness pauses. */
export function testFetcher(): Fetcher {
  return createFetcher({
    userAgent: 'Vaksam-test/0.1 (+http://127.0.0.1/vaksam-test)',
    allowPrivateNetworks: ['127.0.0.1/32'],
    respectRobots: false,
    perHostMinIntervalMs: 0,
  });
}

export function collectContext(
  fetcher: Fetcher,
  source: { kind: string; url: string; cursor?: Record<string, unknown> },
  log: Logger = silentLogger,
): CollectContext {
  return {
    source: { id: 1, name: 'test', config: {}, cursor: {}, ...source },
    fetcher,
    log,
    now: new Date('2024-03-15T12:00:00Z'),
    signal: new AbortController().signal,
    dryRun: false,
  };
}
