import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { ImportError } from './errors.js';

export interface ReadTextOptions {
  encoding?: string;
  onProgress?: (bytesRead: number) => void;
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
  let bytesRead = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
    const text = decoder.write(chunk);
    if (text !== '') yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}
