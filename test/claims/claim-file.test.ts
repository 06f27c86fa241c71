import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ClaimsInputError, ClaimsFileError, readClaimsFile } from '../../src/claims/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/claims/${name}`, import.meta.url));

async function read(name: string, maxLineChars?: number) {
  const invalid: ClaimsInputError[] = [];
  const claims = await readClaimsFile(fixture(name), (e) => invalid.push(e), maxLineChars);
  return { claims, invalid };
}

describe('readClaimsFile', () => {
  it('reads JSON lines {"id","text"} and reports each bad line with its number', async () => {
    const { claims, invalid } = await read('claims-invalid.jsonl');
    expect(claims).toEqual([
      { id: 'ok-1', text: 'The first valid claim.' },
      { id: 'ok-2', text: 'The second valid claim.', narrative: 'lvu-kidnapping' },
      { id: '7', text: 'A claim with a numeric id.' },
    ]);
    expect(invalid.map((e) => [e.code, e.details.line])).toEqual([
      ['CLAIMS_INPUT_INVALID', 2],
      ['CLAIMS_INPUT_INVALID', 3],
      ['CLAIMS_INPUT_INVALID', 5],
      ['CLAIMS_INPUT_INVALID', 8],
    ]);
    expect(invalid[1]?.message).toMatch(/claims-invalid\.jsonl:3: claim no-text: missing 'text'/);
  });

  it('reads the CLEF 2020 TSV: empty id column name, quoted fields with "" and a newline inside', async () => {
    const { claims, invalid } = await read('verified-claims-2020.tsv');
    expect(invalid).toEqual([]);
    expect(claims).toEqual([
      {
        id: '0',
        text: 'A city council banned flags on all public schools.',
        title: 'Did a Council Ban Flags in Schools?',
      },
      {
        id: '1',
        text: 'A "secret memo" shows the mayor planned the closure.',
        title: 'Did a ‘Secret Memo’ Reveal the Closure Plan?',
      },
      {
        id: '2',
        text: 'A famous actor announced he has\nretired from acting after a long career.',
        title: 'Did the Actor Retire?',
      },
      { id: '3', text: 'A video shows a whale in a lake.', title: 'Is There a Whale in the Lake?' },
    ]);
  });

  it('reads CLEF 2021 JSON lines with vclaim_id, vclaim, and title plus subtitle as the title', async () => {
    const { claims } = await read('vclaims-2021.jsonl');
    expect(claims[0]).toEqual({
      id: 'vclaim-bridge-closing',
      text: 'The old bridge will close for good in May.',
      title: 'Is a Bridge Closing?\nRumor: the old bridge closes in May.',
    });
    expect(claims.map((c) => c.id)).toEqual(['vclaim-bridge-closing', 'vclaim-dog-mayor']);
  });

  it('reads a CLEF 2021 folder of JSON files, naming a claim after its file when it has no id', async () => {
    const { claims, invalid } = await read('vclaims-2021');
    expect(claims.map((c) => c.id)).toEqual(['vclaim-bridge-closing', 'vclaim-dog-mayor']);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.message).toMatch(/vclaim-broken\.json: not JSON/);
  });

  it('reads a TSV without header as id, text, title', async () => {
    const { claims } = await read('headerless.tsv');
    expect(claims).toEqual([
      { id: 'c-1', text: 'A plain claim without a header.', title: 'A Title' },
      { id: 'c-2', text: 'Another claim.' },
    ]);
  });

  it('reports a quoted field that never closes and reads the lines it swallowed', async () => {
    const { claims, invalid } = await read('unclosed-quote.tsv');
    expect(claims.map((c) => c.id)).toEqual(['a', 'c', 'd']);
    expect(invalid.map((e) => e.details.line)).toEqual([3]);
    expect(invalid[0]?.message).toMatch(/quoted field is never closed/);
  });

  it('skips a line longer than the limit and keeps reading', async () => {
    const lines = readFileSync(fixture('claims.jsonl'), 'utf8').split('\n').filter(Boolean);
    const short = lines.filter((line) => line.length <= 100).map((line) => (JSON.parse(line) as { id: string }).id);
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThan(lines.length);
    const { claims, invalid } = await read('claims.jsonl', 100);
    expect(claims.map((c) => c.id)).toEqual(short);
    expect(invalid).toHaveLength(lines.length - short.length);
    expect(invalid[0]?.message).toMatch(/claims\.jsonl:1: line too long/);
  });

  it('rejects a header without id and text columns, naming the accepted ones', async () => {
    await expect(read('bad-header.tsv')).rejects.toThrow(
      /bad-header\.tsv:1: header \[title, subtitle\].*vclaim, text or claim/,
    );
  });

  it('rejects a missing file with CLAIMS_FILE_UNREADABLE', async () => {
    await expect(read('no-such-file.jsonl')).rejects.toBeInstanceOf(ClaimsFileError);
  });
});
