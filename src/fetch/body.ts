import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { FetchBadEncodingError, FetchTooLargeError } from './errors.js';

/** What we send in Accept-Encoding; readBody decodes exactly these. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

type ResponseBody = Dispatcher.ResponseData['body'];

export interface ReadBodyOptions {
  url: string;
  contentEncoding: string | undefined;
  contentLength: string | undefined;
  maxBodyBytes: number;
}

/**
 * Reads a response body, decompressing it with node:zlib streams, and stops (destroying the body and so the socket)
 * as soon as either the bytes on the wire or the decompressed bytes pass maxBodyBytes, so a gzip bomb or an endless
 * stream never sits in memory. zlib honours backpressure, so at most one chunk beyond the limit is inflated.
 */
export async function readBody(body: ResponseBody, options: ReadBodyOptions): Promise<Buffer> {
  const { url, maxBodyBytes } = options;
  const decoders = createDecoders(options.contentEncoding);
  const declared = Number(options.contentLength);
  if (decoders === null) {
    await body.dump();
    throw new FetchBadEncodingError(url, `unsupported Content-Encoding '${options.contentEncoding}'`);
  }
  if (decoders.length === 0 && Number.isFinite(declared) && declared > maxBodyBytes) {
    // dump() destroys a body announced larger than it is willing to read, so this returns at once.
    await body.dump();
    throw new FetchTooLargeError(url, maxBodyBytes, `declared Content-Length ${declared}`);
  }
  const what = decoders.length === 0 ? 'body' : 'decompressed body';
  const chunks: Buffer[] = [];
  let total = 0;
  const collector = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      chunks.push(chunk);
      callback(total > maxBodyBytes ? new FetchTooLargeError(url, maxBodyBytes, what) : null);
    },
  });
  const streams = decoders.length === 0 ? [collector] : [wireCounter(url, maxBodyBytes), ...decoders, collector];
  try {
    await pipeline(body, ...(streams as [Writable]));
  } catch (err) {
    if (isZlibError(err)) throw new FetchBadEncodingError(url, `body is not valid ${options.contentEncoding}`, err);
    throw err;
  }
  return Buffer.concat(chunks);
}

/** Counts compressed bytes too: a stream of empty deflate blocks would otherwise never end. */
function wireCounter(url: string, maxBodyBytes: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBodyBytes) callback(new FetchTooLargeError(url, maxBodyBytes, 'compressed body'));
      else callback(null, chunk);
    },
  });
}

/** Decoders in the order to apply them (Content-Encoding lists codings as applied); null for an unknown coding. */
function createDecoders(contentEncoding: string | undefined): Transform[] | null {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  if (!codings.every((coding) => coding in DECODERS)) return null;
  return codings.map((coding) => (DECODERS[coding] as () => Transform)());
}

const DECODERS: Record<string, () => Transform> = {
  gzip: () => createGunzip(),
  'x-gzip': () => createGunzip(),
  deflate: () => new DeflateDecoder(),
  br: () => createBrotliDecompress(),
};

function isZlibError(err: unknown): boolean {
  const { code, errno } = (err ?? {}) as { code?: unknown; errno?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__'));
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate, as browsers tolerate. The first
 * two bytes tell which: a zlib header has compression method 8 and a 16-bit value divisible by 31.
 */
class DeflateDecoder extends Transform {
  private inflater: Transform | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.inflater ??= this.openInflater(chunk);
    this.inflater.write(chunk, (err) => callback(err ?? null));
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inflater) {
      callback();
      return;
    }
    this.inflater.once('end', () => callback());
    this.inflater.end();
  }

  override _read(size: number): void {
    this.inflater?.resume();
    super._read(size);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inflater?.destroy();
    callback(err);
  }

  private openInflater(first: Buffer): Transform {
    const isZlib = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
    const inflater = isZlib ? createInflate() : createInflateRaw();
    inflater.on('data', (data: Buffer) => {
      if (!this.push(data)) inflater.pause();
    });
    inflater.on('error', (err) => this.destroy(err));
    return inflater;
  }
}
