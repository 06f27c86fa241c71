import iconv from 'iconv-lite';

/** Where a charset label was found, before it is normalised. */
export interface CharsetLabel {
  label: string;
  /** The decoder to use, or null when iconv-lite does not know the label. */
  charset: string | null;
}

/** Labels browsers map elsewhere (WHATWG Encoding): latin1 and ASCII are decoded as windows-1252. */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso_8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  cp819: 'windows-1252',
  cp1256: 'windows-1256',
  'x-cp1256': 'windows-1256',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  unicode: 'utf-16le',
};

/** The decoder name for a label ("ISO-8859-1" → "windows-1252"), or null when unknown. */
export function normalizeCharset(label: string): string | null {
  const key = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (key === '') return null;
  return ALIASES[key] ?? (iconv.encodingExists(key) ? key : null);
}

function labelled(label: string | undefined): CharsetLabel | null {
  return label ? { label, charset: normalizeCharset(label) } : null;
}

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The charset a byte order mark announces and the BOM's length. */
export function detectBom(body: Buffer): { charset: string; length: number } | null {
  for (const [bytes, charset] of BOMS) {
    if (bytes.every((byte, index) => body[index] === byte)) return { charset, length: bytes.length };
  }
  return null;
}

export function charsetFromContentType(contentType: string | null | undefined): CharsetLabel | null {
  return labelled(/;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '')?.[2]);
}

/** `<?xml version="1.0" encoding="windows-1252"?>` at the start (leading whitespace tolerated). */
export function charsetFromXmlDeclaration(body: Buffer): CharsetLabel | null {
  const head = body.subarray(0, 512).toString('latin1');
  return labelled(/^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1]);
}

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 2 KB. */
export function charsetFromMeta(body: Buffer): CharsetLabel | null {
  const head = body.subarray(0, 2048).toString('latin1');
  return labelled(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1]);
}

/**
 * UTF-16 without a BOM: markup and JSON are mostly ASCII, so every other byte is NUL; the side the NULs are on
 * gives the byte order.
 */
export function sniffUtf16(body: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(body.length, 1024) / 2);
  if (pairs < 2) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (body[index] === 0) evenNuls += 1;
    if (body[index + 1] === 0) oddNuls += 1;
  }
  if (oddNuls / pairs > 0.3 && evenNuls / pairs < 0.05) return 'utf-16le';
  if (evenNuls / pairs > 0.3 && oddNuls / pairs < 0.05) return 'utf-16be';
  return null;
}
