import { describe, expect, it } from 'vitest';
import { quoteBigIntegers, readJsonValues, type JsonValueText } from '../../src/import/json-values.js';

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = text.length || 1, maxValueChars = 10_000): Promise<JsonValueText[]> {
  const values: JsonValueText[] = [];
  for await (const value of readJsonValues(pieces(text, size), { maxValueChars })) values.push(value);
  return values;
}

describe('readJsonValues', () => {
  it.each([
    ['a top-level array', '[{"a":1},\n {"b":[2,3]}]', [{ line: 1, text: '{"a":1}' }, { line: 2, text: '{"b":[2,3]}' }]],
    [
      'an X archive assignment',
      'window.YTD.tweets.part0 = [\n  {"tweet":{"id_str":"1","full_text":"a ] b"}}\n]',
      [{ line: 2, text: '{"tweet":{"id_str":"1","full_text":"a ] b"}}' }],
    ],
    ['JSON Lines with blank lines', '{"a":1}\n\n{"b":"x\\"y"}\n', [{ line: 1, text: '{"a":1}' }, { line: 3, text: '{"b":"x\\"y"}' }]],
    [
      'pretty-printed values one after another',
      '{\n  "data": [1]\n}\n{\n  "data": [2]\n}\n',
      [{ line: 1, text: '{\n  "data": [1]\n}' }, { line: 4, text: '{\n  "data": [2]\n}' }],
    ],
    ['primitives inside an array', '[1, "two", null]', [{ line: 1, text: '1' }, { line: 1, text: '"two"' }, { line: 1, text: 'null' }]],
    ['an empty file', '  \n', []],
    ['an empty array', '[]', []],
  ])('splits %s', async (_name, text, expected) => {
    expect(await read(text)).toEqual(expected);
  });

  it('gives the same values whatever the chunk boundaries', async () => {
    const text = 'window.YTD.tweets.part0 = [ {"t":"{[\\"]}"}, {"u":[{"v":1}]} ,{"w":"السوسيال"} ]';
    const whole = await read(text);
    expect(whole).toHaveLength(3);
    for (const size of [1, 2, 3, 7]) expect(await read(text, size)).toEqual(whole);
  });

  it('reports a truncated array and a value cut off by the end of the file', async () => {
    expect(await read('[{"a":1}, {"b":')).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 1, error: 'the value is incomplete: the file ends inside it' },
    ]);
    expect(await read('[{"a":1},\n')).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, error: 'the top-level array is not closed (truncated file?)' },
    ]);
  });

  it('recovers at the next line from a string broken by a newline', async () => {
    expect(await read('[{"a":"broken\n{"b":1}]')).toEqual([
      { line: 1, error: 'a string runs past the end of its line (broken or truncated value)' },
      { line: 2, text: '{"b":1}' },
    ]);
  });

  it('stops at a value longer than the limit', async () => {
    const values = await read(`[{"a":1},{"b":"${'x'.repeat(100)}"}]`, 10, 50);
    expect(values).toEqual([{ line: 1, text: '{"a":1}' }, { line: 1, error: 'value longer than 50 characters; reading stopped' }]);
  });
});

describe('quoteBigIntegers', () => {
  it.each([
    ['{"id":7198765432109876543,"n":12}', '{"id":"7198765432109876543","n":12}'],
    ['[7198765432109876543, 1.5e300]', '["7198765432109876543", 1.5e300]'],
    ['{"s":"7198765432109876543","f":1234567890123456.5}', '{"s":"7198765432109876543","f":1234567890123456.5}'],
    ['{"short":123456789012345}', '{"short":123456789012345}'],
  ])('rewrites %s', (input, output) => {
    expect(quoteBigIntegers(input)).toBe(output);
  });
});
