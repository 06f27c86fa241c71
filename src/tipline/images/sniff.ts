import { ImageRejectedError } from '../errors.js';
import type { ImageType } from './types.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ALLOWED = 'PNG, JPEG or WebP';

/** The image type by its magic bytes; names and declared content types are never trusted. */
export function sniffImageType(bytes: Buffer): ImageType {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  throw new ImageRejectedError(`not a supported image (${describeMagic(bytes)}); allowed: ${ALLOWED}`, { magic: bytes.subarray(0, 8).toString('hex') });
}

/** Names what the bytes look like, so the refusal says more than "unsupported". */
function describeMagic(bytes: Buffer): string {
  const head = bytes.toString('latin1', 0, 16);
  if (head.startsWith('GIF8')) return 'a GIF';
  if (head.slice(4, 8) === 'ftyp') return 'a HEIC/AVIF/MP4 file';
  if (head.startsWith('BM')) return 'a BMP';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF';
  if (head.startsWith('%PDF')) return 'a PDF';
  if (/^\s*</.test(head)) return 'markup (SVG/HTML)';
  return bytes.length === 0 ? 'an empty file' : 'unknown content';
}
