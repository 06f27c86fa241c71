/** Keys that could reach Object.prototype if the parsed value were ever merged into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse for untrusted documents: `__proto__`, `constructor` and `prototype` keys are dropped at every depth.
 * Throws like JSON.parse (SyntaxError, or RangeError when nesting is too deep to walk).
 */
export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
}
