import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { packageRoot } from '../../src/config/index.js';

/** Screenshots of one Swedish threat sentence, rendered by Chromium: "Vi vet var du bor. Vi bränner ner kontoret i kväll." */
export const SCREENSHOT_TEXT = 'Vi vet var du bor. Vi bränner ner kontoret i kväll.';

export function fixtureImage(ext: 'png' | 'jpg' | 'webp'): Buffer {
  return readFileSync(join(packageRoot(), 'test', 'fixtures', 'tipline', `threat-sv.${ext}`));
}

/** Västerås, as degrees/minutes/seconds rationals. */
export const GPS = { latitude: 59.61, longitude: 16.545 };

/** A little-endian TIFF block as EXIF carries it: IFD0 with Make and a GPS IFD with latitude and longitude. */
export function gpsExif(): Buffer {
  const b = Buffer.alloc(154);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(2, 8);
  entry(b, 10, 0x010f, 2, 14, 38);
  entry(b, 22, 0x8825, 4, 1, 52);
  b.write('VaksamTestCam\0', 38, 'latin1');
  b.writeUInt16LE(4, 52);
  entry(b, 54, 0x0001, 2, 2, 0);
  b.write('N\0', 62, 'latin1');
  entry(b, 66, 0x0002, 5, 3, 106);
  entry(b, 78, 0x0003, 2, 2, 0);
  b.write('E\0', 86, 'latin1');
  entry(b, 90, 0x0004, 5, 3, 130);
  rationals(b, 106, [59, 36, 36]);
  rationals(b, 130, [16, 32, 42]);
  return b;
}

function entry(b: Buffer, at: number, tag: number, type: number, count: number, value: number): void {
  b.writeUInt16LE(tag, at);
  b.writeUInt16LE(type, at + 2);
  b.writeUInt32LE(count, at + 4);
  if (type !== 2 || count > 4) b.writeUInt32LE(value, at + 8);
}

function rationals(b: Buffer, at: number, values: number[]): void {
  values.forEach((v, i) => {
    b.writeUInt32LE(v, at + i * 8);
    b.writeUInt32LE(1, at + i * 8 + 4);
  });
}

const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="59,36.6N" exif:GPSLongitude="16,32.7E"/></rdf:RDF></x:xmpmeta>';
export const TRAILER = Buffer.from('trailing bytes with a secret', 'latin1');

/** The JPEG with EXIF (GPS), XMP (GPS) and a comment after SOI, and bytes after EOI. */
export function jpegWithGps(jpeg: Buffer): Buffer {
  const segment = (marker: number, payload: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsExif()]));
  const xmp = segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${XMP}`, 'latin1'));
  const comment = segment(0xfe, Buffer.from('taken at Kopparbergsvägen 10', 'latin1'));
  return Buffer.concat([jpeg.subarray(0, 2), exif, xmp, comment, jpeg.subarray(2), TRAILER]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The PNG with an eXIf chunk (GPS), a tEXt comment and an iTXt XMP packet after IHDR, and bytes after IEND. */
export function pngWithGps(png: Buffer): Buffer {
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([
    png.subarray(0, afterIhdr),
    pngChunk('eXIf', gpsExif()),
    pngChunk('tEXt', Buffer.from('Comment\0GPS 59.61 16.545', 'latin1')),
    pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${XMP}`, 'latin1')),
    png.subarray(afterIhdr),
    TRAILER,
  ]);
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function riff(body: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** The extended (VP8X) WebP Chromium writes, with EXIF (GPS) and XMP chunks added and announced in its flags. */
export function webpWithGps(webp: Buffer): Buffer {
  const body = Buffer.from(webp.subarray(12));
  body[8] = body[8]! | 0x08 | 0x04;
  return riff(Buffer.concat([body, riffChunk('EXIF', gpsExif()), riffChunk('XMP ', Buffer.from(XMP, 'latin1'))]));
}

/** Only the VP8 chunk of a WebP, as a simple-format file (no VP8X header). */
export function simpleWebp(webp: Buffer): Buffer {
  const at = webp.indexOf('VP8 ', 12, 'latin1');
  return riff(webp.subarray(at, at + 8 + webp.readUInt32LE(at + 4)));
}
