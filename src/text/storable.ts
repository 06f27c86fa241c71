/**
 * Code points PostgreSQL refuses in `text` and `jsonb`: NUL, and UTF-16 surrogates without their partner (which
 * have no UTF-8 form). With the `u` flag a valid surrogate pair is one code point and never matches.
 */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;
const UNSTORABLE_ALL = /[\u0000\uD800-\uDFFF]/gu;

export function hasUnstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The text without the code points PostgreSQL refuses, and how many were removed. */
export function storableText(text: string): { text: string; removed: number } {
  if (!UNSTORABLE.test(text)) return { text, removed: 0 };
  let removed = 0;
  const clean = text.replace(UNSTORABLE_ALL, () => {
    removed++;
    return '';
  });
  return { text: clean, removed };
}

/** A JSON value with every string (keys too) made storable; `removed` counts the code points dropped. */
export function storableJson(value: unknown): { value: unknown; removed: number } {
  const counter = { removed: 0 };
  return { value: cleanJson(value, counter), removed: counter.removed };
}

function cleanJson(value: unknown, counter: { removed: number }): unknown {
  if (typeof value === 'string') return cleanString(value, counter);
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, counter));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[cleanString(key, counter)] = cleanJson(v, counter);
  return out;
}

function cleanString(text: string, counter: { removed: number }): string {
  const clean = storableText(text);
  counter.removed += clean.removed;
  return clean.text;
}
