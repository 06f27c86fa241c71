import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createTracker, rejection } from './test-server.js';

const track = createTracker();
afterEach(() => track.closeAll());

const MIB = 1024 * 1024;
const TEXT = 'Socialtjänsten i Malmö och Västerås: å ä ö. السوسيال يخطف الأطفال? Nej.\n'.repeat(200);

describe('response bodies', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ])('decodes Content-Encoding %s (%o)', async (encoding, compress) => {
    const server = await track.server((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': encoding, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(compress(Buffer.from(TEXT)));
    });
    const response = await track.fetcher().fetch({ url: `${server.origin}/` });

    expect(response.body.toString('utf8')).toBe(TEXT);
    expect(response.bytes).toBe(Buffer.byteLength(TEXT));
  });

  it.each([
    ['gzip', gzipSync(Buffer.alloc(10 * MIB))],
    ['deflate', deflateSync(Buffer.alloc(10 * MIB))],
    ['deflate', deflateRawSync(Buffer.alloc(10 * MIB))],
    ['br', brotliCompressSync(Buffer.alloc(10 * MIB), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })],
  ])('stops a %s bomb (10 MiB of zeros) at maxBodyBytes counted after decompression', async (encoding, bomb) => {
    const server = await track.server((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': encoding, 'Content-Length': bomb.length });
      res.end(bomb);
    });
    const err = await rejection(track.fetcher({ maxBodyBytes: MIB }).fetch({ url: `${server.origin}/bomb` }));

    expect(bomb.length).toBeLessThan(MIB / 10);
    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(err.message).toBe(
      `${server.origin}/bomb: decompressed body exceeds the limit of ${MIB} bytes (fetch.maxBodyBytes)`,
    );
  });

  it('stops reading a 1 GB stream at maxBodyBytes and closes the connection', async () => {
    const total = 1024 * MIB;
    let written = 0;
    let serverSawClose!: Promise<unknown>;
    const server = await track.server((req, res) => {
      serverSawClose = new Promise((resolve) => req.socket.once('close', resolve));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      void streamZeros(res, total, (n) => (written += n));
    });
    const err = await rejection(track.fetcher({ maxBodyBytes: MIB }).fetch({ url: `${server.origin}/huge` }));
    await serverSawClose;

    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(written).toBeLessThan(64 * MIB);
  });

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    const server = await track.server((_req, res) => {
      res.writeHead(200, { 'Content-Length': 2 * MIB });
      res.end(Buffer.alloc(2 * MIB));
    });
    const err = await rejection(track.fetcher({ maxBodyBytes: MIB }).fetch({ url: `${server.origin}/` }));

    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(err.message).toContain(`declared Content-Length ${2 * MIB}`);
  });

  it('applies a per-request maxBodyBytes', async () => {
    const server = await track.server((_req, res) => res.end(Buffer.alloc(2000)));
    const fetcher = track.fetcher();

    await expect(fetcher.fetch({ url: `${server.origin}/`, maxBodyBytes: 1000 })).rejects.toMatchObject({
      code: 'FETCH_TOO_LARGE',
    });
    await expect(fetcher.fetch({ url: `${server.origin}/` })).resolves.toMatchObject({ bytes: 2000 });
  });

  it.each([
    ['gzip', Buffer.from('this is not gzip at all')],
    ['zstd', Buffer.from('whatever')],
  ])('fails with FETCH_BAD_ENCODING on a broken or unsupported %s body', async (encoding, payload) => {
    const server = await track.server((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': encoding });
      res.end(payload);
    });
    const err = await rejection(track.fetcher().fetch({ url: `${server.origin}/` }));

    expect(err.code).toBe('FETCH_BAD_ENCODING');
  });
});

/** Writes zeros in 64 KiB chunks, honouring backpressure, until `total` or until the client goes away. */
async function streamZeros(res: ServerResponse, total: number, count: (n: number) => void): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    count(chunk.length);
    if (!res.write(chunk)) {
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
  }
  res.end();
}
