import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildClaimIndex, type ClaimsInputError, rankQueriesJsonl } from '../../src/claims/index.js';

const index = buildClaimIndex([
  { id: 'c-kidnap', text: 'Social services kidnap Muslim children.' },
  { id: 'c-pork', text: 'Children in care are forced to eat pork.' },
  { id: 'c-flag', text: 'The council banned the flag in schools.' },
]);

async function run(input: string, topK: number, maxLineChars?: number) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const errors: ClaimsInputError[] = [];
  const onError = (e: ClaimsInputError): void => {
    errors.push(e);
  };
  const summary = await rankQueriesJsonl(Readable.from([input]), output, index, topK, onError, maxLineChars);
  output.end();
  return { text: Buffer.concat(chunks).toString('utf8'), errors, summary };
}

describe('rankQueriesJsonl', () => {
  it('writes exactly {"id","ranked":[{"claim_id","score"}]} per query, in input order', async () => {
    const input = [
      '{"id":"q1","text":"they kidnap children"}',
      '{"id":2,"text":"forced to eat pork","lang":"en"}',
      '{"id":"q3","text":"nothing matches"}',
    ];
    const { text, errors, summary } = await run(`${input.join('\n')}\n`, 2);
    expect(errors).toEqual([]);
    expect(summary).toEqual({ ranked: 3, invalid: 0 });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => JSON.parse(l) as { id: unknown; ranked: { claim_id: string; score: number }[] });
    expect(parsed.map((p) => Object.keys(p))).toEqual([
      ['id', 'ranked'],
      ['id', 'ranked'],
      ['id', 'ranked'],
    ]);
    expect(parsed[0]?.id).toBe('q1');
    expect(parsed[0]?.ranked.map((r) => r.claim_id)).toEqual(['c-kidnap', 'c-pork']);
    for (const r of parsed[0]?.ranked ?? []) {
      expect(Object.keys(r)).toEqual(['claim_id', 'score']);
      expect(r.score).toBe(Math.round(r.score * 10_000) / 10_000);
    }
    expect(parsed[1]).toMatchObject({ id: 2, ranked: [{ claim_id: 'c-pork' }] });
    expect(parsed[2]).toEqual({ id: 'q3', ranked: [] });
  });

  it('reports invalid lines with their number and processes the rest', async () => {
    const input = [
      '{"id":"a","text":"kidnap"}',
      'not json',
      '',
      '{"id":"b"}',
      '{"text":"no id"}',
      '[1,2]',
      '{"id":"c","text":"pork"}',
    ].join('\n');
    const { text, errors, summary } = await run(input, 1);
    expect(summary).toEqual({ ranked: 2, invalid: 4 });
    expect(errors.map((e) => [e.code, e.details.line])).toEqual([
      ['CLAIMS_INPUT_INVALID', 2],
      ['CLAIMS_INPUT_INVALID', 4],
      ['CLAIMS_INPUT_INVALID', 5],
      ['CLAIMS_INPUT_INVALID', 6],
    ]);
    expect(text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['a', 'c']);
  });

  it('skips a line over the length limit without reading it into memory', async () => {
    const input = `{"id":"big","text":"${'x'.repeat(500)}"}\n{"id":"ok","text":"flag"}\n`;
    const { errors, summary } = await run(input, 1, 100);
    expect(summary).toEqual({ ranked: 1, invalid: 1 });
    expect(errors[0]?.message).toMatch(/line 1: line longer than 100 characters/);
  });
});
