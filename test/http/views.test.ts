import { describe, expect, it } from 'vitest';
import { formatMetrics } from '../../src/http/health/exposition.js';
import { escapeHtml, externalLink, html, safeHref } from '../../src/http/views/html.js';
import { highlightSpans, markedHeadline } from '../../src/http/views/highlight.js';
import { pickLang } from '../../src/http/views/i18n.js';
import { localPath } from '../../src/http/web.js';

describe('escaping', () => {
  it('escapes every interpolated value and keeps nested html', () => {
    const evil = `<script>alert("x")</script>' onmouseover='y' \``;
    const out = html`<p title="${evil}">${evil}${html`<b>${'&'}</b>`}${[evil, null, false]}</p>`.value;
    expect(out).toBe(`<p title="${escapeHtml(evil)}">${escapeHtml(evil)}<b>&amp;</b>${escapeHtml(evil)}</p>`);
    expect(out).not.toMatch(/<script|' on/);
  });

  it.each([
    ['https://example.se/a?b=1', 'https://example.se/a?b=1'],
    ['javascript:alert(1)', '#'],
    ['JaVaScRiPt:alert(1)', '#'],
    ['data:text/html,<script>', '#'],
    ['not a url', '#'],
  ])('only links http(s): %j', (url, href) => {
    expect(safeHref(url)).toBe(href);
  });

  it('shows a non-http URL as text instead of a link', () => {
    expect(externalLink('javascript:alert(1)').value).toBe('javascript:alert(1)');
    expect(externalLink('https://a.se/x').value).toContain('href="https://a.se/x"');
  });

  it('highlights ranges without letting the text become markup, merging overlaps', () => {
    expect(highlightSpans('<i>kidnappar</i> barn', [{ start: 3, end: 12, label: 'r"1' }, { start: 5, end: 8 }]).value).toBe('&lt;i&gt;<mark title="r&quot;1">kidnappar</mark>&lt;/i&gt; barn');
  });

  it('turns search hit markers into <mark> and escapes the rest', () => {
    expect(markedHeadline('<b>⟦soc⟧</b> ⟦x', '⟦', '⟧').value).toBe('&lt;b&gt;<mark>soc</mark>&lt;/b&gt; x');
  });
});

describe('redirect targets', () => {
  it.each([
    ['/narratives', '/narratives'],
    ['/posts?q=a%20b', '/posts?q=a%20b'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['https://evil.example', '/'],
    [undefined, '/'],
  ])('%j → %j', (raw, path) => {
    expect(localPath(raw)).toBe(path);
  });
});

describe('language', () => {
  it.each([
    [undefined, undefined, 'sv'],
    ['en', 'sv-SE', 'en'],
    [undefined, 'en-GB,en;q=0.9,sv;q=0.8', 'en'],
    [undefined, 'de-DE, sv;q=0.5, en;q=0.4', 'sv'],
    ['xx', 'fr', 'sv'],
  ])('cookie %j, Accept-Language %j → %s', (cookie, accept, lang) => {
    expect(pickLang(cookie, accept)).toBe(lang);
  });
});

describe('metrics exposition', () => {
  it('escapes label values and writes HELP and TYPE lines', () => {
    const text = formatMetrics([{ name: 'vaksam_x', help: 'X per source.', type: 'gauge', samples: [{ labels: { source: 'a "b"\\c\nd' }, value: 3 }, { value: Infinity }] }]);
    expect(text).toBe('# HELP vaksam_x X per source.\n# TYPE vaksam_x gauge\nvaksam_x{source="a \\"b\\"\\\\c\\nd"} 3\nvaksam_x +Inf\n');
  });
});
