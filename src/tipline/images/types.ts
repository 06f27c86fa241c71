/** The image formats a screenshot may have; anything else is refused by its first bytes, whatever it is called. */
export type ImageType = 'png' | 'jpeg' | 'webp';

export const CONTENT_TYPES: Record<ImageType, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

export interface ImageLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest width × height: decoders allocate this many pixels. */
  maxPixels: number;
  /** Largest width or height. */
  maxSide: number;
}

/** An image whose metadata was removed: what is stored and shown as evidence. */
export interface CleanImage {
  type: ImageType;
  contentType: string;
  width: number;
  height: number;
  data: Buffer;
  /** SHA-256 (hex) of `data`, the bytes stored. */
  sha256: string;
  /** SHA-256 (hex) of the bytes as received, before metadata was removed (chain of custody; the original is not kept). */
  receivedSha256: string;
  /** What was removed, in words: `EXIF`, `XMP`, `ICC profile`, `text`, `comment`, … (each once). */
  removed: string[];
}

/** Result of stripping one container: the bytes kept and the names of what was dropped. */
export interface Stripped {
  data: Buffer;
  removed: string[];
}
