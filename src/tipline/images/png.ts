import { crc32 } from 'node:zlib';
import { ImageRejectedError } from '../errors.js';
import type { Stripped } from './types.js';

/** Chunks needed to draw the image the same; everything else (eXIf, tEXt/iTXt/zTXt, tIME, iCCP, APNG frames…) goes. */
const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT']);
const REMOVED_AS: Record<string, string> = { eXIf: 'EXIF', tEXt: 'text', iTXt: 'text', zTXt: 'text', tIME: 'time', iCCP: 'ICC profile', pHYs: 'resolution' };

/** Width and height from IHDR, which the PNG format requires to come first. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw damaged('no IHDR chunk at the start');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Copies the signature and the kept chunks, checking every chunk's length and CRC; stops at IEND, so data appended
 * after the image is dropped too.
 */
export function stripPng(bytes: Buffer): Stripped {
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  const removed: string[] = [];
  let pos = 8;
  let sawEnd = false;
  let sawData = false;
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw damaged(`chunk ${JSON.stringify(type)} runs past the end of the file`);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== bytes.readUInt32BE(pos + 8 + length)) throw damaged(`chunk ${JSON.stringify(type)} has a wrong CRC`);
    if (pos === 8 && type !== 'IHDR') throw damaged('the first chunk is not IHDR');
    if (KEPT.has(type)) parts.push(bytes.subarray(pos, end));
    else removed.push(REMOVED_AS[type] ?? `${type} chunk`);
    sawData ||= type === 'IDAT';
    pos = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawData || !sawEnd) throw damaged(sawData ? 'it ends before IEND (truncated)' : 'it has no image data (IDAT)');
  if (pos < bytes.length) removed.push('trailing data');
  return { data: Buffer.concat(parts), removed };
}

function damaged(what: string): ImageRejectedError {
  return new ImageRejectedError(`the PNG is damaged: ${what}`);
}
