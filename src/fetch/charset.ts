import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import {
  charsetFromContentType,
  charsetFromMeta,
  charsetFromXmlDeclaration,
  detectBom,
  sniffUtf16,
  type CharsetLabel,
} from './charset-detect.js';

export type BodyKind = 'xml' | 'html' | 'json' | 'text';

export type CharsetSource = 'bom' | 'header' | 'xml-declaration' | 'meta' | 'default';

export interface DecodeBodyOptions {
  /** The Content-Type response header, if any. */
  contentType?: string | null;
  kind: BodyKind;
}

export interface DecodedBody {
  text: string;
  /** The decoder used: utf-8, windows-1252, windows-1256, utf-16le, utf-16be or another iconv-lite name. */
  charset: string;
  source: CharsetSource;
  /** Unknown labels, mislabelled bodies, invalid bytes replaced: worth storing on the source, never fatal. */
  warnings: string[];
}

/**
 * Decodes a fetched body to text. Precedence: byte order mark, then the Content-Type charset, then the XML
 * declaration (xml) or a `<meta>` charset in the first 2 KB (html), then sniffing: UTF-16 by its NUL pattern,
 * valid UTF-8, else windows-1252 (JSON defaults to UTF-8, RFC 8259). ISO-8859-1 and ASCII are decoded as
 * windows-1252, as browsers do. One exception to the order: a header claiming UTF-8 over bytes that are not UTF-8
 * loses to an in-document label that names another charset (a server default mislabelling a legacy document).
 */
export function decodeBody(body: Buffer, options: DecodeBodyOptions): DecodedBody {
  const warnings: string[] = [];
  const bom = detectBom(body);
  if (bom) return decode(body.subarray(bom.length), bom.charset, 'bom', warnings);

  const header = known(charsetFromContentType(options.contentType), 'Content-Type header', warnings);
  const inDocument = documentLabel(body, options.kind, warnings);

  if (header !== null) {
    if (header === 'utf-8' && inDocument && inDocument.charset !== 'utf-8' && !isUtf8(body)) {
      const { charset, source } = inDocument;
      warnings.push(`Content-Type says utf-8 but the body is not valid UTF-8; using ${charset} from the ${source}`);
      return decode(body, inDocument.charset, inDocument.source, warnings);
    }
    return decode(body, header, 'header', warnings);
  }
  if (inDocument) return decode(body, inDocument.charset, inDocument.source, warnings);
  return decode(body, sniff(body, options.kind), 'default', warnings);
}

function documentLabel(
  body: Buffer,
  kind: BodyKind,
  warnings: string[],
): { charset: string; source: 'xml-declaration' | 'meta' } | null {
  if (kind !== 'xml' && kind !== 'html') return null;
  const source = kind === 'xml' ? 'xml-declaration' : 'meta';
  const found = kind === 'xml' ? charsetFromXmlDeclaration(body) : charsetFromMeta(body);
  const charset = known(found, source === 'meta' ? '<meta> tag' : 'XML declaration', warnings);
  if (charset === null) return null;
  // We read the label as ASCII, so the document cannot really be UTF-16; browsers decode it as UTF-8 then.
  if (charset.startsWith('utf-16')) {
    warnings.push(`the ${source} says ${found?.label} but the bytes are ASCII-compatible; using utf-8`);
    return { charset: 'utf-8', source };
  }
  return { charset, source };
}

function known(found: CharsetLabel | null, where: string, warnings: string[]): string | null {
  if (!found) return null;
  if (found.charset === null) warnings.push(`unknown charset '${found.label}' in the ${where}, ignored`);
  return found.charset;
}

function sniff(body: Buffer, kind: BodyKind): string {
  const utf16 = sniffUtf16(body);
  if (utf16) return utf16;
  if (kind === 'json' || isUtf8(body)) return 'utf-8';
  return 'windows-1252';
}

function decode(bytes: Buffer, charset: string, source: CharsetSource, warnings: string[]): DecodedBody {
  if (charset === 'utf-8' && !isUtf8(bytes)) {
    warnings.push('the body is not valid UTF-8; invalid bytes were replaced with U+FFFD');
  }
  return { text: iconv.decode(bytes, charset), charset, source, warnings };
}
