import exifr from 'exifr';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cleanImage, sniffImageType } from '../../src/tipline/images/index.js';
import { fixtureImage, GPS, jpegWithGps, pngWithGps, simpleWebp, TRAILER, webpWithGps } from './image-fixtures.js';

const LIMITS = { maxBytes: 5_000_000, maxPixels: 40_000_000, maxSide: 20_000 };
const SECRETS = ['VaksamTestCam', 'GPS', 'Kopparbergsv', 'xmpmeta', TRAILER.toString('latin1')];

function carriesNoSecret(bytes: Buffer): void {
  const text = bytes.toString('latin1');
  for (const secret of SECRETS) expect(text.includes(secret), secret).toBe(false);
}

describe('cleanImage', () => {
  it('removes EXIF with GPS, XMP, a comment and trailing bytes from a JPEG and keeps its image data', async () => {
    const original = fixtureImage('jpg');
    const tagged = jpegWithGps(original);
    const gps = await exifr.gps(tagged);
    expect(gps?.latitude).toBeCloseTo(GPS.latitude, 2);
    const clean = cleanImage(tagged, LIMITS);
    expect(clean).toMatchObject({ type: 'jpeg', contentType: 'image/jpeg', width: 640, height: 90 });
    expect(clean.removed.sort()).toEqual(['EXIF', 'ICC profile', 'XMP', 'comment', 'trailing data']);
    expect(await exifr.gps(clean.data)).toBeUndefined();
    carriesNoSecret(clean.data);
    expect(clean.data.equals(cleanImage(original, LIMITS).data)).toBe(true);
    expect(clean.data.includes(original.subarray(original.indexOf(Buffer.from([0xff, 0xda]))))).toBe(true);
  });

  it('removes eXIf, text and XMP chunks and trailing bytes from a PNG and keeps its pixels chunk for chunk', async () => {
    const original = fixtureImage('png');
    const tagged = pngWithGps(original);
    expect((await exifr.gps(tagged))?.longitude).toBeCloseTo(GPS.longitude, 2);
    const clean = cleanImage(tagged, LIMITS);
    expect(clean).toMatchObject({ type: 'png', width: 640, height: 90 });
    expect(clean.removed.sort()).toEqual(['EXIF', 'text', 'trailing data']);
    expect(await exifr.gps(clean.data)).toBeUndefined();
    carriesNoSecret(clean.data);
    expect(clean.data.equals(original)).toBe(true);
  });

  it('removes EXIF and XMP chunks from an extended WebP and clears their flags', () => {
    const original = fixtureImage('webp');
    const tagged = webpWithGps(original);
    expect(tagged.toString('latin1')).toContain('VaksamTestCam');
    const clean = cleanImage(tagged, LIMITS);
    expect(clean).toMatchObject({ type: 'webp', width: 640, height: 90 });
    expect(clean.removed.sort()).toEqual(['EXIF', 'ICC profile', 'XMP']);
    carriesNoSecret(clean.data);
    expect(clean.data.readUInt32LE(4) + 8).toBe(clean.data.length);
    expect(clean.data.toString('latin1', 12, 16)).toBe('VP8X');
    expect(clean.data[20]! & 0x2c).toBe(0);
    const vp8 = original.indexOf('VP8 ', 12, 'latin1');
    expect(clean.data.includes(original.subarray(vp8))).toBe(true);
  });

  it('reads the size of a simple WebP and keeps it unchanged', () => {
    const original = simpleWebp(fixtureImage('webp'));
    const clean = cleanImage(original, LIMITS);
    expect(clean).toMatchObject({ width: 640, height: 90, removed: [] });
    expect(clean.data.equals(original)).toBe(true);
  });

  it('hashes the stored bytes and the bytes as received', () => {
    const clean = cleanImage(jpegWithGps(fixtureImage('jpg')), LIMITS);
    expect(clean.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(clean.receivedSha256).not.toBe(clean.sha256);
  });
});

describe('refused images', () => {
  const png = fixtureImage('png');

  it.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), /a GIF/],
    ['a HEIC photo', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(16)]), /HEIC/],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /markup/],
    ['an empty file', Buffer.alloc(0), /empty/],
  ])('refuses %s by its first bytes, naming the allowed types', (_name, bytes, reason) => {
    expect(() => sniffImageType(bytes)).toThrow(reason);
    expect(() => cleanImage(bytes, LIMITS)).toThrow(/allowed: PNG, JPEG or WebP/);
  });

  it('refuses a truncated PNG and one with a wrong CRC', () => {
    expect(() => cleanImage(png.subarray(0, png.length - 20), LIMITS)).toThrow(/PNG is damaged/);
    const bad = Buffer.from(png);
    bad[40] = bad[40]! ^ 0xff;
    expect(() => cleanImage(bad, LIMITS)).toThrow(/wrong CRC|damaged/);
  });

  it('refuses a JPEG cut before its end marker', () => {
    const jpeg = fixtureImage('jpg');
    expect(() => cleanImage(jpeg.subarray(0, jpeg.length - 100), LIMITS)).toThrow(/JPEG is damaged/);
  });

  it('refuses an image larger than the byte limit', () => {
    expect(() => cleanImage(png, { ...LIMITS, maxBytes: 1000 })).toThrow(/at most 1000 are accepted/);
  });

  it('refuses a decompression bomb by its header before decoding', () => {
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(60_000, 16);
    bomb.writeUInt32BE(60_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect(() => cleanImage(bomb, LIMITS)).toThrow(/60000×60000 pixels/);
  });
});
