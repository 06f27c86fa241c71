import { describe, expect, it } from 'vitest';
import { exceedsNestingDepth, htmlToText, MAX_HTML_DEPTH } from '../../src/text/index.js';

describe('htmlToText', () => {
  it.each([
    ['keeps paragraph breaks between blocks', '<p>Första stycket.</p><p>Andra stycket.</p>', 'Första stycket.\n\nAndra stycket.'],
    ['turns <br> into a single newline', 'rad ett<br>rad två<br/>rad tre', 'rad ett\nrad två\nrad tre'],
    ['keeps <br><br> as a paragraph break (issue 16)', 'a<br><br>b', 'a\n\nb'],
    ['keeps <br> <br> with whitespace between as a paragraph break', 'a<br>\n <br/>b', 'a\n\nb'],
    ['keeps three <br> as one paragraph break', 'a<br><br><br>b', 'a\n\nb'],
    ['keeps a Telegram post\'s paragraphs and lines apart', 'Rad ett<br>rad två<br><br>Nytt stycke', 'Rad ett\nrad två\n\nNytt stycke'],
    ['collapses whitespace inside a block', '<p>  many\n\n   spaces\there  </p>', 'many spaces here'],
    ['keeps inline elements inline', '<p>Det <b>var</b> <a href="/x">en</a> gång</p>', 'Det var en gång'],
    ['decodes named and numeric entities', '<p>S&ouml;der &amp; Malm&#246; &#x2014; &hellip;&nbsp;slut</p>', 'Söder & Malmö — … slut'],
    ['drops script, style, noscript and template', '<p>a</p><script>alert(1)</script><style>p{}</style><noscript>js off</noscript><template><p>t</p></template><p>b</p>', 'a\n\nb'],
    ['drops the head of a whole document', '<html><head><title>Titel</title></head><body><h1>Rubrik</h1><p>Text</p></body></html>', 'Rubrik\n\nText'],
    ['puts list items on their own lines', '<ul><li>ett</li><li>två</li></ul><p>efter</p>', 'ett\ntvå\n\nefter'],
    ['keeps preformatted whitespace', '<pre>a  b\n  c</pre>', 'a  b\n  c'],
    ['handles unclosed paragraphs', '<p>one<p>two<div>three', 'one\n\ntwo\n\nthree'],
    ['keeps Arabic text', '<p dir="rtl">السوسيال يخطف الأطفال</p>', 'السوسيال يخطف الأطفال'],
    ['returns plain text unchanged apart from whitespace', 'just text', 'just text'],
    ['returns empty text for empty input', '', ''],
    ['separates table cells', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\nc'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html).text).toBe(expected);
  });

  it('resolves relative links against the base URL and drops non-web schemes', () => {
    const html = '<a href="/nyheter/1">1</a><a href="2">2</a><a href="javascript:alert(1)">x</a><a href="https://a.se/">3</a><a href="/nyheter/1">dup</a>';
    expect(htmlToText(html, 'https://kommun.se/nyheter/').links).toEqual([
      'https://kommun.se/nyheter/1',
      'https://kommun.se/nyheter/2',
      'https://a.se/',
    ]);
  });

  it('honours <base href> in the document', () => {
    const html = '<head><base href="/sub/"></head><body><a href="page">p</a></body>';
    expect(htmlToText(html, 'https://kommun.se/x').links).toEqual(['https://kommun.se/sub/page']);
  });

  it('keeps relative links out when there is no base to resolve them', () => {
    expect(htmlToText('<a href="/x">x</a><a href="http://a.se/y">y</a>').links).toEqual(['http://a.se/y']);
  });

  it('leaves out the subtrees skipElement names, nested ones and void elements included', () => {
    const html = '<p>före</p><div class="share"><p>Dela<br><img src="x"></p><div class="share">inre</div></div><p>efter</p>';
    const skipElement = (_name: string, attribs: Readonly<Record<string, string>>) => attribs.class === 'share';
    expect(htmlToText(html, undefined, { skipElement }).text).toBe('före\n\nefter');
    expect(htmlToText(html).text).toBe('före\n\nDela\n\ninre\n\nefter');
  });

  it('strips control characters', () => {
    expect(htmlToText('<p>a\u0000b\u0008c</p>').text).toBe('abc');
  });

  it('stops at absurd nesting and says so, without stalling', () => {
    const deep = `<p>före</p>${'<div>'.repeat(200_000)}inne${'</div>'.repeat(200_000)}`;
    expect(htmlToText(deep)).toEqual({ text: 'före', links: [], truncated: true });
    expect(htmlToText('<div><div>ok</div></div>').truncated).toBe(false);
  });
});

describe('exceedsNestingDepth', () => {
  it.each([
    ['flat', '<p>a</p>'.repeat(10_000), false],
    ['exactly at the limit', `${'<div>'.repeat(MAX_HTML_DEPTH)}x`, false],
    ['one past the limit', `${'<div>'.repeat(MAX_HTML_DEPTH + 1)}x`, true],
    ['unclosed inline tags', '<b>'.repeat(5_000), true],
    ['void elements', '<br><img><hr>'.repeat(5_000), false],
  ])('%s', (_name, html, expected) => {
    expect(exceedsNestingDepth(html)).toBe(expected);
  });
});
