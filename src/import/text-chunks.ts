import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { ImportError } from './errors.js';

export interface ReadTextOptions {
  encoding?: string;
  onProgress?: (bytesRead: number) => void;
  /** UTF-8 only: called with how many invalid byte sequences a chunk had (each became U+FFFD). */
  onUndecodable?: (count: number) => void;
  signal?: AbortSignal;
}

/** Read size per chunk: large enough for throughput, small enough that memory stays flat on multi-GB files. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Streams a file as decoded text chunks in constant memory. Multi-byte characters split across chunks are decoded
 * whole; a leading byte order mark is dropped.
 */
export async function* readTextChunks(path: string, options: ReadTextOptions = {}): AsyncGenerator<string> {
  const encoding = (options.encoding ?? 'utf-8').toLowerCase();
  if (!iconv.encodingExists(encoding)) {
    throw new ImportError(`unknown encoding '${options.encoding}'; use an iconv-lite name such as utf-8, windows-1256`);
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, signal: options.signal });
  const counter = UTF8_NAMES.has(encoding) && options.onUndecodable ? new ReplacementCounter(options.onUndecodable) : null;
  let bytesRead = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
    const text = decoder.write(chunk);
    counter?.count(chunk, text);
    if (text !== '') yield text;
  }
  const tail = decoder.end();
  counter?.count(Buffer.alloc(0), tail ?? '');
  if (tail) yield tail;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8']);
const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

/**
 * Invalid UTF-8 becomes U+FFFD when decoded; a file may also hold U+FFFD itself (bytes EF BF BD). The difference of
 * the two counts is what the decoder replaced. The last two bytes of a chunk are kept to find EF BF BD split across
 * chunks.
 */
class ReplacementCounter {
  private carry = Buffer.alloc(0);

  constructor(private readonly report: (count: number) => void) {}

  count(chunk: Buffer, text: string): void {
    const replaced = occurrences(text, REPLACEMENT) - this.literal(chunk);
    if (replaced > 0) this.report(replaced);
  }

  private literal(chunk: Buffer): number {
    const boundary = Buffer.concat([this.carry, chunk.subarray(0, 2)]);
    const found = occurrences(chunk, REPLACEMENT_BYTES) + occurrences(boundary, REPLACEMENT_BYTES);
    this.carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
    return found;
  }
}

function occurrences(haystack: string | Buffer, needle: string | Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle as never); at >= 0; at = haystack.indexOf(needle as never, at + needle.length)) n++;
  return n;
}
