import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evalHalf } from './halves.js';

describe('evalHalf', () => {
  it.each([
    ['thr-sv-0001', 'test'],
    ['thr-ar-0001', 'test'],
    ['thr-en-0001', 'tune'],
    ['d001', 'test'],
    ['x', 'tune'],
  ] as const)('puts %s in the %s half, as it did when the sets were split', (id, half) => {
    expect(evalHalf(id)).toBe(half);
  });

  it('gives the same half for the same id on every call', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `thr-sv-${String(i).padStart(4, '0')}`);
    expect(ids.map(evalHalf)).toEqual(ids.map(evalHalf));
  });

  it('splits a sample of ids roughly in half', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `sample-${i}`);
    const tune = ids.filter((id) => evalHalf(id) === 'tune').length;
    expect(tune).toBeGreaterThan(900);
    expect(tune).toBeLessThan(1100);
  });

  it('decides by the first byte of the SHA-256 of the id, nothing else', () => {
    for (const id of ['a', 'b', 'thr-en-0042', 'nar-ar-0100', 'ö-ü-ش']) {
      const firstByte = createHash('sha256').update(id, 'utf8').digest()[0]!;
      expect(evalHalf(id)).toBe(firstByte < 128 ? 'tune' : 'test');
    }
  });
});
