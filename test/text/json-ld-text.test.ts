import { describe, expect, it } from 'vitest';
import { parseJsonLdText, unwrapJsonLd } from '../../src/text/index.js';

describe('unwrapJsonLd', () => {
  it.each([
    ['CDATA', '<![CDATA[ {"a":1} ]]>'],
    ['an HTML comment', '<!-- {"a":1} -->'],
    ['a script-commented CDATA', '//<![CDATA[\n{"a":1}\n//]]>'],
    ['a block-commented CDATA', '/*<![CDATA[*/{"a":1}/*]]>*/'],
    ['a comment inside CDATA', '<![CDATA[<!--{"a":1}-->]]>'],
    ['a comment closed with //-->', '<!--\n{"a":1}\n//-->'],
    ['nothing', '  {"a":1}  '],
  ])('strips %s', (_name, text) => {
    expect(unwrapJsonLd(text)).toBe('{"a":1}');
  });
});

describe('parseJsonLdText', () => {
  it('repairs raw line breaks inside strings and trailing commas, and keeps commas inside strings', () => {
    expect(parseJsonLdText('{"a": "x\ny\tz", "b": [1, 2, ], "c": "p, }",\n}')).toEqual({ a: 'x\ny\tz', b: [1, 2], c: 'p, }' });
  });

  it('drops keys that could reach Object.prototype', () => {
    const value = parseJsonLdText('<![CDATA[{"__proto__": {"polluted": true}, "ok": 1}]]>') as Record<string, unknown>;
    expect(value).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still throws on text that is not JSON', () => {
    expect(() => parseJsonLdText('{ "this is": not json }')).toThrow(SyntaxError);
  });

  it('reads a large block in one pass', () => {
    const big = `{"articleBody": "${'rad\n'.repeat(200_000)}",}`;
    expect((parseJsonLdText(big) as { articleBody: string }).articleBody).toHaveLength(800_000);
  });
});
