import { ImageRejectedError } from '../errors.js';
import type { Stripped } from './types.js';

/** Chunks that make up the picture; EXIF, XMP, ICCP and unknown chunks are dropped. */
const KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
const REMOVED_AS: Record<string, string> = { EXIF: 'EXIF', 'XMP ': 'XMP', ICCP: 'ICC profile' };
/** VP8X flags announcing the dropped chunks: ICC 0x20, EXIF 0x08, XMP 0x04. */
const METADATA_FLAGS = 0x20 | 0x08 | 0x04;

interface Chunk {
  fourcc: string;
  /** Offset of the chunk header. */
  start: number;
  /** Offset of the payload. */
  data: number;
  size: number;
  /** Offset after the payload and its padding byte. */
  end: number;
}

/** Width and height from VP8X (extended), VP8 (lossy) or VP8L (lossless), whichever comes first. */
export function webpSize(bytes: Buffer): { width: number; height: number } {
  const [first] = chunks(bytes);
  if (first === undefined) throw damaged('it has no chunks');
  const p = first.data;
  if (first.fourcc === 'VP8X' && first.size >= 10) return { width: 1 + bytes.readUIntLE(p + 4, 3), height: 1 + bytes.readUIntLE(p + 7, 3) };
  if (first.fourcc === 'VP8 ' && first.size >= 10) {
    if (bytes[p + 3] !== 0x9d || bytes[p + 4] !== 0x01 || bytes[p + 5] !== 0x2a) throw damaged('its VP8 frame has no start code');
    return { width: bytes.readUInt16LE(p + 6) & 0x3fff, height: bytes.readUInt16LE(p + 8) & 0x3fff };
  }
  if (first.fourcc === 'VP8L' && first.size >= 5) {
    if (bytes[p] !== 0x2f) throw damaged('its VP8L stream has no signature');
    const bits = bytes.readUInt32LE(p + 1);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  throw damaged(`its first chunk is ${JSON.stringify(first.fourcc)}, not VP8X, VP8 or VP8L`);
}

/** Rebuilds the RIFF container from the kept chunks, clearing the VP8X flags of what was dropped. */
export function stripWebp(bytes: Buffer): Stripped {
  const parts: Buffer[] = [];
  const removed: string[] = [];
  let last = 12;
  for (const chunk of chunks(bytes)) {
    last = chunk.end;
    if (!KEPT.has(chunk.fourcc)) {
      removed.push(REMOVED_AS[chunk.fourcc] ?? `${chunk.fourcc.trim()} chunk`);
      continue;
    }
    const copy = Buffer.from(bytes.subarray(chunk.start, chunk.end));
    if (chunk.fourcc === 'VP8X') copy[8] = (copy[8] as number) & ~METADATA_FLAGS;
    parts.push(copy);
  }
  if (!parts.some((p) => p.toString('latin1', 0, 3) === 'VP8' || p.toString('latin1', 0, 4) === 'ANMF')) throw damaged('it has no image data');
  if (last < bytes.length) removed.push('trailing data');
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return { data: Buffer.concat([header, body]), removed };
}

function chunks(bytes: Buffer): Chunk[] {
  const declared = bytes.readUInt32LE(4) + 8;
  if (declared > bytes.length) throw damaged('the RIFF size is larger than the file (truncated)');
  const out: Chunk[] = [];
  let pos = 12;
  while (pos + 8 <= declared) {
    const size = bytes.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (end > declared) throw damaged(`chunk ${JSON.stringify(bytes.toString('latin1', pos, pos + 4))} runs past the end of the file`);
    out.push({ fourcc: bytes.toString('latin1', pos, pos + 4), start: pos, data: pos + 8, size, end });
    pos = end;
  }
  return out;
}

function damaged(what: string): ImageRejectedError {
  return new ImageRejectedError(`the WebP is damaged: ${what}`);
}
