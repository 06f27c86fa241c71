import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type InputLine, readBoundedLines } from '../../src/claims/line-reader.js';
import { readTsvRecords } from '../../src/claims/tsv-records.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const linesOf = (chunks: (string | Buffer)[], max?: number) => collect(readBoundedLines(Readable.from(chunks), max));

describe('readBoundedLines', () => {
  it('numbers lines across chunk boundaries, with CRLF, a BOM and no final newline', async () => {
    expect(await linesOf(['\ufeffone\r\ntw', 'o\n\nthr', 'ee'])).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
      { line: 3, text: '' },
      { line: 4, text: 'three' },
    ]);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const bytes = Buffer.from('å\nب\n');
    expect(await linesOf([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)])).toEqual([
      { line: 1, text: 'å' },
      { line: 2, text: 'ب' },
    ]);
  });

  it('reports an over-long line as null without keeping it and reads on', async () => {
    expect(await linesOf(['short\n', 'x'.repeat(50), 'x'.repeat(50), '\nafter\n'], 20)).toEqual([
      { line: 1, text: 'short' },
      { line: 2, text: null },
      { line: 3, text: 'after' },
    ]);
  });
});

describe('readTsvRecords', () => {
  const records = (text: string) => {
    const lines: InputLine[] = text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
    return collect(readTsvRecords(Readable.from(lines)));
  };

  it.each([
    ['plain fields', 'a\tb\tc', [['a', 'b', 'c']]],
    ['a quoted field with doubled quotes and a tab', '"say ""hi""\tnow"\tb', [['say "hi"\tnow', 'b']]],
    ['a quote that is not at the field start', 'a\tsay "hi"', [['a', 'say "hi"']]],
    ['a quoted field followed by literal text', '"quoted" rest\tb', [['quoted rest', 'b']]],
    ['a quoted field over two lines', '1\t"first\nsecond"\tt', [['1', 'first\nsecond', 't']]],
  ])('parses %s', async (_case, text, expected) => {
    expect((await records(text)).map((r) => ('fields' in r ? r.fields : r.error))).toEqual(expected);
  });
});
