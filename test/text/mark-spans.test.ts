import { describe, expect, it } from 'vitest';
import { markSpans } from '../../src/text/index.js';

const brackets = (inside: string) => `[${inside}]`;

describe('markSpans', () => {
  it('wraps each span and leaves the rest as it is', () => {
    expect(markSpans('vi vet var du bor', [{ start: 7, end: 10 }, { start: 0, end: 2 }], brackets)).toBe('[vi] vet [var] du bor');
  });

  it('never marks a character twice and drops spans outside the text or empty', () => {
    const spans = [{ start: 3, end: 10 }, { start: 0, end: 6 }, { start: 1, end: 2 }, { start: 12, end: 12 }, { start: 14, end: 99 }];
    expect(markSpans('vi vet var du bor', spans, brackets)).toBe('[vi vet][ var] du bor');
  });

  it('passes the text between marks through plain (HTML escaping)', () => {
    const esc = (s: string) => s.replaceAll('<', '&lt;');
    expect(markSpans('<b> hot', [{ start: 4, end: 7 }], (inside) => `<mark>${esc(inside)}</mark>`, esc)).toBe('&lt;b> <mark>hot</mark>');
  });
});
