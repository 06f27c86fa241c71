import { describe, expect, it } from 'vitest';
import { hashRange, RangeMemo } from '../../src/language/range-memo.js';

function store(memo: RangeMemo, key: string, value: number): void {
  memo.set(key, value, hashRange(key, 0, key.length));
}

function lookUp(memo: RangeMemo, text: string, start: number, end: number): number {
  return memo.get(text, start, end, hashRange(text, start, end));
}

describe('RangeMemo', () => {
  it('finds a word by its place in a longer text, without the slice', () => {
    const memo = new RangeMemo();
    store(memo, 'barn', 1);
    const text = 'de tar barn och barnen';
    expect(lookUp(memo, text, 7, 11)).toBe(1);
    expect(lookUp(memo, text, 16, 20)).toBe(1);
    expect(lookUp(memo, text, 16, 22)).toBe(-1);
    expect(lookUp(memo, text, 0, 2)).toBe(-1);
  });

  it('tells apart keys whose hashes share a slot, and keeps them all as the table grows', () => {
    const memo = new RangeMemo();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    words.forEach((word, i) => store(memo, word, i));
    words.forEach((word, i) => expect(lookUp(memo, ` ${word} `, 1, word.length + 1)).toBe(i));
  });

  it('forgets every entry on clear, so its owner can bound it', () => {
    const memo = new RangeMemo();
    for (const [i, word] of ['a', 'b', 'c', 'd'].entries()) store(memo, word, i);
    memo.clear();
    expect(lookUp(memo, 'a', 0, 1)).toBe(-1);
    store(memo, 'd', 7);
    expect(lookUp(memo, 'd', 0, 1)).toBe(7);
  });

  it('tells apart keys of the same hash and length by their characters', () => {
    const memo = new RangeMemo();
    // The caller's hash is trusted only to find the slot: a collision must still compare the text.
    memo.set('barn', 1, 42);
    memo.set('bart', 2, 42);
    expect(memo.get('x bart', 2, 6, 42)).toBe(2);
    expect(memo.get('barn', 0, 4, 42)).toBe(1);
    expect(memo.get('bark', 0, 4, 42)).toBe(-1);
  });

  it('finds two-byte keys in one-byte texts and the reverse, and Arabic and emoji keys in mixed texts', () => {
    const memo = new RangeMemo();
    for (const [i, word] of ['socialtjänsten', 'أطفال', 'kid', '👍🏽x'].entries()) store(memo, word, i);
    expect(lookUp(memo, 'اخذ kid', 4, 7)).toBe(2);
    expect(lookUp(memo, 'om socialtjänsten', 3, 17)).toBe(0);
    expect(lookUp(memo, 'سرقة أطفال', 5, 10)).toBe(1);
    expect(lookUp(memo, 'ok 👍🏽x', 3, 8)).toBe(3);
    expect(lookUp(memo, 'om socialtjanstén', 3, 17)).toBe(-1);
  });

  it('keeps long keys intact as its character store grows, across resizes', () => {
    const memo = new RangeMemo();
    const words = Array.from({ length: 3000 }, (_, i) => `${'ord'.repeat(1 + (i % 40))}${i}`);
    words.forEach((word, i) => store(memo, word, i));
    words.forEach((word, i) => expect(lookUp(memo, `#${word}`, 1, word.length + 1)).toBe(i));
    memo.clear();
    expect(lookUp(memo, words[7] as string, 0, (words[7] as string).length)).toBe(-1);
  });

  it('hashes a range like the same string on its own, and never to 0 (the empty-slot mark)', () => {
    expect(hashRange('xx kidnappar yy', 3, 12)).toBe(hashRange('kidnappar', 0, 9));
    expect(hashRange('', 0, 0)).not.toBe(0);
  });
});
