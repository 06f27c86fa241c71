import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvRecord } from '../../src/import/index.js';

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function parse(text: string, size = text.length || 1, maxRecordChars = 1000): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of parseCsv(pieces(text, size), { maxRecordChars })) records.push(record);
  return records;
}

describe('parseCsv', () => {
  it.each([
    ['plain rows', 'a,b\n1,2\n', [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }]],
    ['CRLF and no final newline', 'a,b\r\n1,2', [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }]],
    ['a byte order mark', '\uFEFFid,text\n1,x\n', [{ line: 1, fields: ['id', 'text'] }, { line: 2, fields: ['1', 'x'] }]],
    ['quotes, "" escapes and delimiters inside quotes', 'a,"b ""c"", d"\n', [{ line: 1, fields: ['a', 'b "c", d'] }]],
    [
      'embedded CRLF newlines, counted for the next line number',
      'id,text\r\n1,"rad ett\r\nrad två"\r\n2,x\r\n',
      [
        { line: 1, fields: ['id', 'text'] },
        { line: 2, fields: ['1', 'rad ett\nrad två'] },
        { line: 4, fields: ['2', 'x'] },
      ],
    ],
    ['blank lines skipped', 'a\n\n\nb\n', [{ line: 1, fields: ['a'] }, { line: 4, fields: ['b'] }]],
    ['empty fields', ',,\n', [{ line: 1, fields: ['', '', ''] }]],
    ['a stray quote inside an unquoted field kept as text', 'he said "hi",2\n', [{ line: 1, fields: ['he said "hi"', '2'] }]],
    ['Arabic text', 'السوسيال,"يخطف، الأطفال"\n', [{ line: 1, fields: ['السوسيال', 'يخطف، الأطفال'] }]],
    ['old Mac CR line ends', 'a\rb\r', [{ line: 1, fields: ['a'] }, { line: 2, fields: ['b'] }]],
  ])('reads %s', async (_name, text, expected) => {
    expect(await parse(text)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = '\uFEFFid,text\r\n1,"a ""quoted"" line\r\nand more"\r\n2,"x,y"\r\n\r\n3,z';
    const whole = await parse(text);
    for (const size of [1, 2, 3, 5, 7]) expect(await parse(text, size)).toEqual(whole);
    expect(whole).toHaveLength(4);
  });

  it('reports an unterminated quote with the line the record starts on', async () => {
    expect(await parse('a,b\n1,"never closed\nmore\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'unterminated quoted field in the record starting on line 2' },
    ]);
  });

  it('stops at a record longer than the limit instead of reading the whole file into it', async () => {
    const records = await parse(`ok\n"${'x'.repeat(50)}`, 8, 20);
    expect(records).toEqual([
      { line: 1, fields: ['ok'] },
      { line: 2, error: expect.stringMatching(/longer than 20 characters.*reading stopped/) },
    ]);
  });
});
