import { createHash } from 'node:crypto';
import { ImageRejectedError } from '../errors.js';
import { jpegSize, stripJpeg } from './jpeg.js';
import { pngSize, stripPng } from './png.js';
import { sniffImageType } from './sniff.js';
import { CONTENT_TYPES, type CleanImage, type ImageLimits, type ImageType, type Stripped } from './types.js';
import { stripWebp, webpSize } from './webp.js';

export { sniffImageType } from './sniff.js';
export { CONTENT_TYPES, type CleanImage, type ImageLimits, type ImageType } from './types.js';

const FORMATS: Record<ImageType, { size(bytes: Buffer): { width: number; height: number }; strip(bytes: Buffer): Stripped }> = {
  png: { size: pngSize, strip: stripPng },
  jpeg: { size: jpegSize, strip: stripJpeg },
  webp: { size: webpSize, strip: stripWebp },
};

/**
 * Checks a screenshot and removes its metadata before anything stores it: type by magic bytes, byte size, pixel
 * limits (read from the header, before any decoder allocates), then a copy without EXIF/GPS, XMP, ICC, text or
 * trailing data. The pixels are untouched: the stored image shows exactly what was reported.
 */
export function cleanImage(bytes: Buffer, limits: ImageLimits): CleanImage {
  if (bytes.length > limits.maxBytes) throw new ImageRejectedError(`the image is ${bytes.length} bytes; at most ${limits.maxBytes} are accepted`, { bytes: bytes.length });
  const type = sniffImageType(bytes);
  const format = FORMATS[type];
  const { width, height } = format.size(bytes);
  if (width < 1 || height < 1) throw new ImageRejectedError(`the image has no pixels (${width}×${height})`);
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    throw new ImageRejectedError(`the image is ${width}×${height} pixels; at most ${limits.maxSide} per side and ${limits.maxPixels} in all are accepted`, { width, height });
  }
  const stripped = format.strip(bytes);
  return {
    type,
    contentType: CONTENT_TYPES[type],
    width,
    height,
    data: stripped.data,
    sha256: sha256Hex(stripped.data),
    receivedSha256: sha256Hex(bytes),
    removed: [...new Set(stripped.removed)],
  };
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
