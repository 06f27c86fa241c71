import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { checkReport, composeReportText, newReportReference, normalizeReference, readReportMessage, safeFilename } from '../../src/tipline/index.js';
import { fixtureImage } from './image-fixtures.js';

const LIMITS = { maxTextChars: 100, maxScreenshots: 2, image: { maxBytes: 1_000_000, maxPixels: 1_000_000, maxSide: 5000 } };

describe('report references', () => {
  it('are R- and ten Crockford base32 characters, and read back however they are typed', () => {
    const reference = newReportReference(Buffer.from([0xff, 0, 0x10, 0x20, 0x30, 0x40, 0x50]));
    expect(reference).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(normalizeReference(reference.toLowerCase().replace(/-/g, ' '))).toBe(reference);
    expect(normalizeReference('R-0O1IL-ABCDE')).toBe('R-00111-ABCDE');
    expect(normalizeReference('R-12345')).toBeNull();
    expect(normalizeReference('../../etc/passwd')).toBeNull();
  });
});

describe('checkReport', () => {
  it.each([
    ['www.tiktok.com/@konto/video/1', 'https://www.tiktok.com/@konto/video/1'],
    ['  https://t.me/kanal/5  ', 'https://t.me/kanal/5'],
  ])('accepts %s as a web link', (url, expected) => {
    expect(checkReport({ url, screenshots: [] }, LIMITS).reportedUrl).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['https://user:pass@example.se/', /user name or password/],
    ['http://intranet/', /not a public host name/],
  ])('refuses %s, naming the field', (url, reason) => {
    expect(() => checkReport({ url, screenshots: [] }, LIMITS)).toThrow(reason);
  });

  it('refuses an empty report, too long a text, an unknown concern and too many screenshots', () => {
    expect(() => checkReport({ text: '   ', screenshots: [] }, LIMITS)).toThrow(/the report is empty/);
    expect(() => checkReport({ text: 'x'.repeat(101), screenshots: [] }, LIMITS)).toThrow(/at most 100/);
    expect(() => checkReport({ text: 'x', concerns: 'the mayor', screenshots: [] }, LIMITS)).toThrow(/concerns: 'the mayor' is not one of/);
    const png = { filename: 'a.png', bytes: fixtureImage('png') };
    expect(() => checkReport({ screenshots: [png, png, png] }, LIMITS)).toThrow(/at most 2 per report/);
  });

  it('names the file whose image is refused', () => {
    expect(() => checkReport({ screenshots: [{ filename: 'C:\\Users\\x\\bild.gif', bytes: Buffer.from('GIF89a\x00\x00', 'latin1') }] }, LIMITS)).toThrow(/screenshot 'bild.gif': not a supported image/);
  });

  it('keeps file names as text without folders, control or bidi characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('bild\u202egnp.exe')).toBe('bildgnp.exe');
    expect(safeFilename('')).toBe('screenshot');
  });
});

describe('composeReportText', () => {
  it('joins the captured post, the reporter text and each screenshot text, with the offsets of each part', () => {
    const composed = composeReportText({ reference: 'R-1', captured: 'Fångad text', reported: 'Min text', ocr: [{ position: 1, text: null }, { position: 2, text: 'Bildtext' }] });
    expect(composed.text).toBe('Fångad text\n\nMin text\n\nBildtext');
    expect(composed.sections.map((s) => [s.kind, s.screenshot ?? null, composed.text.slice(s.start, s.end)])).toEqual([
      ['capture', null, 'Fångad text'],
      ['reported', null, 'Min text'],
      ['ocr', 2, 'Bildtext'],
    ]);
  });

  it('gives an empty report its reference as text, so empty reports never share a case', () => {
    expect(composeReportText({ reference: 'R-ABCDE-FGHJK', captured: null, reported: '', ocr: [] })).toEqual({ text: 'R-ABCDE-FGHJK', sections: [] });
  });
});

describe('readReportMessage', () => {
  const options = { allowedSenderDomains: [], image: LIMITS.image, maxScreenshots: 2 };
  const read = async (raw: string) => readReportMessage(await simpleParser(raw), Buffer.from(raw), options);

  it.each([
    ['an auto-reply', 'From: a@kommun.se\r\nAuto-Submitted: auto-replied\r\nSubject: Frånvaro\r\n\r\nLedig\r\n'],
    ['a bounce', 'From: MAILER-DAEMON@kommun.se\r\nSubject: Undeliverable\r\n\r\nx\r\n'],
  ])('refuses %s, so Vaksam never answers a loop', async (_name, raw) => {
    expect(await read(raw)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('automatic') });
  });

  it('takes the first web link of the text as the reported URL and keys the report by Message-ID', async () => {
    const reading = await read('From: Lena <lena@kommun.se>\r\nMessage-ID: <m1@kommun.se>\r\nSubject: VB: hot\r\n\r\nSe https://t.me/kanal/12 och https://example.se/b\r\n');
    expect(reading).toMatchObject({ kind: 'report', subject: 'VB: hot', sender: { name: 'Lena', email: 'lena@kommun.se' }, submission: { url: 'https://t.me/kanal/12' }, metadata: { links: ['https://t.me/kanal/12', 'https://example.se/b'] } });
    const again = await read('From: Lena <lena@kommun.se>\r\nMessage-ID: <m1@kommun.se>\r\nSubject: igen\r\n\r\nannan text\r\n');
    expect(again.kind === 'report' && reading.kind === 'report' && again.intakeKey === reading.intakeKey).toBe(true);
  });
});
