import { ImageRejectedError } from '../errors.js';
import type { Stripped } from './types.js';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
/** Start-of-frame markers (C0–CF except DHT C4, JPG C8, DAC CC) carry the size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from the first start-of-frame segment. */
export function jpegSize(bytes: Buffer): { width: number; height: number } {
  for (const segment of segments(bytes)) {
    if (SOF.has(segment.marker)) {
      if (segment.end - segment.start < 9) throw damaged('its frame header is too short');
      return { width: bytes.readUInt16BE(segment.start + 7), height: bytes.readUInt16BE(segment.start + 5) };
    }
    if (segment.marker === SOS) break;
  }
  throw damaged('it has no frame header (SOF)');
}

/**
 * Keeps the segments a decoder needs (tables, frame, scans with their entropy-coded data) and the JFIF and Adobe
 * headers (colour transform); drops every other APPn (EXIF with GPS, XMP, ICC, IPTC, maker notes) and comments,
 * and anything after the end-of-image marker.
 */
export function stripJpeg(bytes: Buffer): Stripped {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  const removed: string[] = [];
  let sawScan = false;
  let sawEnd = false;
  let last = 2;
  for (const segment of segments(bytes)) {
    last = segment.end;
    if (segment.marker === EOI) {
      parts.push(bytes.subarray(segment.start, segment.end));
      sawEnd = true;
      break;
    }
    const name = droppedName(bytes, segment.marker, segment.start);
    if (name === null) parts.push(bytes.subarray(segment.start, segment.end));
    else removed.push(name);
    sawScan ||= segment.marker === SOS;
  }
  if (!sawScan) throw damaged('it has no image data (SOS)');
  if (!sawEnd) throw damaged('it ends before the end-of-image marker (truncated)');
  if (last < bytes.length) removed.push('trailing data');
  return { data: Buffer.concat(parts), removed };
}

/** Null for a segment to keep; else what it is, in words. */
function droppedName(bytes: Buffer, marker: number, start: number): string | null {
  const id = bytes.toString('latin1', start + 4, Math.min(start + 34, bytes.length));
  if (marker === 0xe0) return id.startsWith('JFIF\0') ? null : 'APP0';
  if (marker === 0xee) return id.startsWith('Adobe') ? null : 'APP14';
  if (marker === COM) return 'comment';
  if (marker === 0xe1) return id.startsWith('Exif\0') ? 'EXIF' : id.startsWith('http://ns.adobe.com/') ? 'XMP' : 'APP1';
  if (marker === 0xe2) return id.startsWith('ICC_PROFILE') ? 'ICC profile' : 'APP2';
  if (marker === 0xed) return 'IPTC';
  if (marker >= 0xe3 && marker <= 0xef) return `APP${marker - 0xe0}`;
  return null;
}

interface Segment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  start: number;
  /** Offset after the segment; for SOS, after its entropy-coded data. */
  end: number;
}

/** The marker segments after SOI, with each scan's entropy-coded data counted into its SOS segment. */
function* segments(bytes: Buffer): Generator<Segment> {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw damaged('it does not start with SOI');
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw damaged(`expected a marker at byte ${pos}`);
    let markerAt = pos;
    while (bytes[markerAt + 1] === 0xff) markerAt++;
    const marker = bytes[markerAt + 1];
    if (marker === undefined) throw damaged('it ends inside a marker');
    if (marker === EOI) {
      yield { marker, start: markerAt, end: markerAt + 2 };
      return;
    }
    if (markerAt + 4 > bytes.length) throw damaged('it ends inside a segment header');
    const length = bytes.readUInt16BE(markerAt + 2);
    let end = markerAt + 2 + length;
    if (length < 2 || end > bytes.length) throw damaged(`segment 0x${marker.toString(16)} runs past the end of the file`);
    if (marker === SOS) end = scanEnd(bytes, end);
    yield { marker, start: markerAt, end };
    pos = end;
  }
}

/** The entropy-coded data ends at the first 0xFF that is neither a stuffed 0x00 nor a restart marker. */
function scanEnd(bytes: Buffer, from: number): number {
  let pos = from;
  for (;;) {
    pos = bytes.indexOf(0xff, pos);
    if (pos < 0 || pos + 1 >= bytes.length) throw damaged('its image data is truncated');
    const next = bytes[pos + 1] as number;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) pos += next === 0xff ? 1 : 2;
    else return pos;
  }
}

function damaged(what: string): ImageRejectedError {
  return new ImageRejectedError(`the JPEG is damaged: ${what}`);
}
