import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ClaimsInputError, readQrelsFile, readQueriesTsv } from '../../src/claims/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/claims/${name}`, import.meta.url));

describe('readQueriesTsv', () => {
  it('reads the CLEF 2020 tweets TSV with its header and quoted tweets', async () => {
    const invalid: ClaimsInputError[] = [];
    const queries = await readQueriesTsv(fixture('tweets-2020.tsv'), (e) => invalid.push(e));
    expect(invalid).toEqual([]);
    expect(queries).toEqual([
      {
        id: '0',
        text: 'The council just banned flags at every school! pic.twitter.com/abc — Someone (@someone) May 1, 2020',
      },
      { id: '5', text: 'The mayor\'s "secret memo" leaked today https://t.co/xyz — News (@news) May 2, 2020' },
    ]);
  });

  it('reads the headerless CLEF 2021 tweets TSV and reports a row without text', async () => {
    const invalid: ClaimsInputError[] = [];
    const queries = await readQueriesTsv(fixture('tweets-2021.tsv'), (e) => invalid.push(e));
    expect(queries.map((q) => q.id)).toEqual(['tweet-1', 'tweet-2']);
    expect(invalid.map((e) => e.details.line)).toEqual([4]);
  });
});

describe('readQrelsFile', () => {
  it.each([
    ['qrels-2020.qrels', { '0': ['0'], '5': ['1'] }, [4]],
    ['qrels-2021.tsv', { 'tweet-1': ['vclaim-bridge-closing'], 'tweet-2': ['vclaim-dog-mayor'] }, []],
  ])('reads %s, keeping relevance > 0 only', async (name, expected, badLines) => {
    const invalid: ClaimsInputError[] = [];
    const qrels = await readQrelsFile(fixture(name), (e) => invalid.push(e));
    expect(Object.fromEntries([...qrels].map(([q, claims]) => [q, [...claims]]))).toEqual(expected);
    expect(invalid.map((e) => e.details.line)).toEqual(badLines);
  });
});
