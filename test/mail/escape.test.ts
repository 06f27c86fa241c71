import { describe, expect, it } from 'vitest';
import { cleanHeader, excerpt, htmlText, safeHref } from '../../src/mail/index.js';

describe('escaping values from posts', () => {
  it.each([
    ['CR/LF header injection', 'Hej\r\nBcc: evil@example.org', 'Hej Bcc: evil@example.org'],
    ['lone LF and tabs', 'a\nb\tc', 'a b c'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c\u0085d', 'a b c d'],
    ['a right-to-left override', 'fil\u202Egpj.exe', 'filgpj.exe'],
    ['isolates and marks', '\u2067x\u2069\u200Fy', 'xy'],
    ['NUL and other controls', 'a\u0000b\u001bc', 'abc'],
  ])('makes a header one clean line: %s', (_name, input, expected) => {
    expect(cleanHeader(input)).toBe(expected);
  });

  it('truncates a long header on a code point boundary', () => {
    expect(cleanHeader('😀'.repeat(200), 10)).toBe(`${'😀'.repeat(9)}…`);
  });

  it('escapes HTML in post text', () => {
    expect(htmlText('<script>alert("x")</script> & <b>', 100)).toBe('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;b&#62;');
  });

  it('breaks very long words for narrow screens without splitting characters', () => {
    const word = 'ا'.repeat(60);
    expect(htmlText(word, 24)).toBe(`${'ا'.repeat(24)}<wbr>${'ا'.repeat(24)}<wbr>${'ا'.repeat(12)}`);
    expect(htmlText('kort ord', 24)).toBe('kort ord');
  });

  it('breaks a long word of markup after escaping it, never inside an entity', () => {
    const html = htmlText('<'.repeat(30), 24);
    expect(html.split('<wbr>').map((part) => part.split('&#60;').length - 1)).toEqual([24, 6]);
  });

  it('strips the RTL override from body text but keeps Arabic', () => {
    expect(htmlText('السوسيال \u202Eيخطف')).toBe('السوسيال يخطف');
  });

  it.each([
    ['https://example.se/a?b=1', 'https://example.se/a?b=1'],
    ['javascript:alert(1)', null],
    ['data:text/html,<b>', null],
    ['not a url', null],
    [null, null],
  ])('keeps only http(s) links: %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it('shortens an excerpt and collapses whitespace', () => {
    expect(excerpt('a  b\n\nc', 10)).toBe('a b c');
    expect(excerpt('abcdefghij', 5)).toBe('abcd…');
  });
});
