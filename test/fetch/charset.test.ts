import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { normalizeCharset } from '../../src/fetch/charset-detect.js';
import { decodeBody } from '../../src/fetch/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/fetch/${name}`, import.meta.url));

const SWEDISH = 'Socialtjänsten i Malmö och Västerås – så går det till';
const ARABIC = 'أوقفوا خطف أطفالنا — السوسيال';

describe('decodeBody', () => {
  it('decodes a windows-1252 feed by its XML declaration', () => {
    const decoded = decodeBody(fixture('feed-windows-1252.xml'), { contentType: 'application/rss+xml', kind: 'xml' });

    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'xml-declaration', warnings: [] });
    expect(decoded.text).toContain('Nyheter från Västerås');
    expect(decoded.text).toContain('Socialtjänsten i Malmö: så går det till – fakta');
  });

  it('decodes a windows-1256 Arabic page by its http-equiv meta tag', () => {
    const decoded = decodeBody(fixture('page-windows-1256.html'), { contentType: 'text/html', kind: 'html' });

    expect(decoded).toMatchObject({ charset: 'windows-1256', source: 'meta', warnings: [] });
    expect(decoded.text).toContain('<title>السوسيال</title>');
    expect(decoded.text).toContain('أوقفوا خطف أطفالنا — الخدمات الاجتماعية في السويد');
  });

  it('recognises UTF-16LE without a BOM by its NUL pattern, ignoring the declaration it cannot have read', () => {
    const decoded = decodeBody(fixture('feed-utf16le.xml'), { contentType: null, kind: 'xml' });

    expect(decoded).toMatchObject({ charset: 'utf-16le', source: 'default' });
    expect(decoded.text).toContain('<title>Göteborg – السويد</title>');
  });

  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf], 'utf8'],
    ['utf-16le', [0xff, 0xfe], 'utf-16le'],
    ['utf-16be', [0xfe, 0xff], 'utf-16be'],
  ] as const)('lets a %s byte order mark win over a wrong header and strips it', (charset, bom, encoding) => {
    const body = Buffer.concat([Buffer.from(bom), iconv.encode(`${SWEDISH} ${ARABIC}`, encoding)]);
    const decoded = decodeBody(body, { contentType: 'text/plain; charset=windows-1252', kind: 'text' });

    expect(decoded).toMatchObject({ text: `${SWEDISH} ${ARABIC}`, charset, source: 'bom', warnings: [] });
  });

  it('finds UTF-16BE without a BOM', () => {
    const decoded = decodeBody(iconv.encode(`{"text":"${SWEDISH}"}`, 'utf-16be'), { kind: 'json' });

    expect(decoded).toMatchObject({ text: `{"text":"${SWEDISH}"}`, charset: 'utf-16be', source: 'default' });
  });

  it.each([
    ['text/html; charset=windows-1256', 'windows-1256', ARABIC],
    ['text/html; charset="ISO-8859-1"', 'windows-1252', SWEDISH],
    ['text/xml;charset=latin1', 'windows-1252', SWEDISH],
    ['application/json; charset=UTF-8', 'utf-8', `${SWEDISH} ${ARABIC}`],
  ])('takes the charset from the header %s', (contentType, charset, text) => {
    const encoded = iconv.encode(text, charset);
    const decoded = decodeBody(encoded, { contentType, kind: 'html' });

    expect(decoded).toMatchObject({ text, charset, source: 'header', warnings: [] });
  });

  it('decodes ISO-8859-1 as windows-1252 like browsers (0x96 is an en dash, not a control character)', () => {
    const decoded = decodeBody(Buffer.from([0x61, 0x96, 0xe5, 0xe4, 0xf6]), {
      contentType: 'text/plain; charset=iso-8859-1',
      kind: 'text',
    });

    expect(decoded.text).toBe('a–åäö');
  });

  it('prefers the header over the in-document label when the bytes agree with the header', () => {
    const body = Buffer.from(`<?xml version="1.0" encoding="windows-1252"?><t>${SWEDISH}</t>`, 'utf8');
    const decoded = decodeBody(body, { contentType: 'application/xml; charset=utf-8', kind: 'xml' });

    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'header', warnings: [] });
    expect(decoded.text).toContain(SWEDISH);
  });

  it('uses the XML declaration when the header claims utf-8 over windows-1252 bytes (mislabelled)', () => {
    const body = iconv.encode(`<?xml version="1.0" encoding="windows-1252"?><t>${SWEDISH}</t>`, 'windows-1252');
    const decoded = decodeBody(body, { contentType: 'application/rss+xml; charset=utf-8', kind: 'xml' });

    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'xml-declaration' });
    expect(decoded.text).toContain(SWEDISH);
    expect(decoded.warnings).toEqual([
      'Content-Type says utf-8 but the body is not valid UTF-8; using windows-1252 from the xml-declaration',
    ]);
  });

  it('uses the meta charset when the header claims utf-8 over windows-1256 bytes', () => {
    const body = iconv.encode(
      `<html><head><meta charset="windows-1256"></head><body>${ARABIC}</body></html>`,
      'windows-1256',
    );
    const decoded = decodeBody(body, { contentType: 'text/html; charset=UTF-8', kind: 'html' });

    expect(decoded).toMatchObject({ charset: 'windows-1256', source: 'meta' });
    expect(decoded.text).toContain(ARABIC);
    expect(decoded.warnings).toHaveLength(1);
  });

  it('replaces invalid UTF-8 with U+FFFD and warns instead of failing', () => {
    const body = Buffer.concat([Buffer.from('Malmö ', 'utf8'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' slut')]);
    const decoded = decodeBody(body, { contentType: 'text/plain; charset=utf-8', kind: 'text' });

    expect(decoded.text).toMatch(/^Malmö \uFFFD+ slut$/);
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'header' });
    expect(decoded.warnings).toEqual(['the body is not valid UTF-8; invalid bytes were replaced with U+FFFD']);
  });

  it.each([
    ['valid UTF-8', Buffer.from(`${SWEDISH} ${ARABIC}`, 'utf8'), 'utf-8', `${SWEDISH} ${ARABIC}`],
    ['not UTF-8', iconv.encode(SWEDISH, 'windows-1252'), 'windows-1252', SWEDISH],
    ['plain ASCII', Buffer.from('LVU'), 'utf-8', 'LVU'],
  ])('sniffs an unlabelled body that is %s', (_label, body, charset, text) => {
    expect(decodeBody(body, { kind: 'html' })).toMatchObject({ text, charset, source: 'default', warnings: [] });
  });

  it('keeps JSON in UTF-8 even when the bytes are invalid, with a warning', () => {
    const decoded = decodeBody(Buffer.from([0x7b, 0x22, 0xe5, 0x22, 0x7d]), { kind: 'json' });

    expect(decoded).toMatchObject({ text: '{"\uFFFD"}', charset: 'utf-8', source: 'default' });
    expect(decoded.warnings).toHaveLength(1);
  });

  it('ignores an unknown charset label with a warning and falls back', () => {
    const body = Buffer.from(`<meta charset="klingon-8">${SWEDISH}`, 'utf8');
    const decoded = decodeBody(body, { contentType: 'text/html; charset=x-unknown', kind: 'html' });

    expect(decoded).toMatchObject({
      text: `<meta charset="klingon-8">${SWEDISH}`,
      charset: 'utf-8',
      source: 'default',
    });
    expect(decoded.warnings).toEqual([
      "unknown charset 'x-unknown' in the Content-Type header, ignored",
      "unknown charset 'klingon-8' in the <meta> tag, ignored",
    ]);
  });

  it('ignores a meta tag beyond the first 2 KB', () => {
    const body = Buffer.concat([
      Buffer.from(' '.repeat(2100)),
      iconv.encode(`<meta charset="windows-1256">${SWEDISH}`, 'windows-1252'),
    ]);

    expect(decodeBody(body, { kind: 'html' })).toMatchObject({ charset: 'windows-1252', source: 'default' });
  });
});

describe('normalizeCharset', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['ISO-8859-1', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
    ['"Windows-1256"', 'windows-1256'],
    ['cp1256', 'windows-1256'],
    ['UTF-16', 'utf-16le'],
    ['iso-8859-15', 'iso-8859-15'],
    ['klingon', null],
    ['', null],
  ])('maps %o to %o', (label, expected) => {
    expect(normalizeCharset(label)).toBe(expected);
  });
});
