import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isPermanent } from '../../src/errors/index.js';
import { createTracker, rejection } from './test-server.js';

const track = createTracker();
afterEach(() => track.closeAll());

function socketClosed(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => req.socket.once('close', () => resolve()));
}

describe('timeouts', () => {
  it('aborts a body trickling one byte a second at totalTimeoutMs and destroys the socket', async () => {
    let closed!: Promise<void>;
    const server = await track.server((req, res) => {
      closed = socketClosed(req);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 1000);
      res.once('close', () => clearInterval(timer));
      res.write('x');
    });
    const err = await rejection(
      track.fetcher({ totalTimeoutMs: 1500 }).fetch({ url: `${server.origin}/trickle?key=abc` }),
    );
    await closed;

    expect(err).toMatchObject({ code: 'FETCH_TIMEOUT', phase: 'total', limitMs: 1500 });
    expect(err.message).toBe(
      `${server.origin}/trickle?key=%5Bredacted%5D: total timeout of 1500 ms exceeded (fetch.totalTimeoutMs)`,
    );
    expect(isPermanent(err)).toBe(false);
  });

  it('gives up waiting for headers after headersTimeoutMs', async () => {
    let closed!: Promise<void>;
    const server = await track.server((req) => {
      closed = socketClosed(req);
    });
    const err = await rejection(track.fetcher({ headersTimeoutMs: 200 }).fetch({ url: `${server.origin}/silent` }));
    await closed;

    expect(err).toMatchObject({ code: 'FETCH_TIMEOUT', phase: 'headers', limitMs: 200 });
  });

  it('gives up on a body that pauses longer than bodyTimeoutMs', async () => {
    const server = await track.server((_req, res) => {
      res.writeHead(200);
      res.write('first chunk, then nothing');
    });
    const err = await rejection(track.fetcher({ bodyTimeoutMs: 200 }).fetch({ url: `${server.origin}/stalled` }));

    expect(err).toMatchObject({ code: 'FETCH_TIMEOUT', phase: 'body', limitMs: 200 });
  });

  it('applies a per-request totalTimeoutMs', async () => {
    const server = await track.server(() => undefined);
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/`, totalTimeoutMs: 100 }));

    expect(err).toMatchObject({ code: 'FETCH_TIMEOUT', phase: 'total', limitMs: 100 });
  });
});
