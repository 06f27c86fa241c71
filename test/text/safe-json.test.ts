import { describe, expect, it } from 'vitest';
import { parseUntrustedJson } from '../../src/text/index.js';

describe('parseUntrustedJson', () => {
  it('drops __proto__, constructor and prototype keys at every depth without polluting Object.prototype', () => {
    const parsed = parseUntrustedJson('{"a":1,"__proto__":{"polluted":1},"b":{"constructor":{"prototype":{"polluted":2}},"c":[{"__proto__":{"x":1},"d":2}]}}');
    expect(parsed).toEqual({ a: 1, b: { c: [{ d: 2 }] } });
    expect(Object.keys(parsed as object)).toEqual(['a', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws like JSON.parse on invalid JSON', () => {
    expect(() => parseUntrustedJson('{')).toThrow(SyntaxError);
  });
});
