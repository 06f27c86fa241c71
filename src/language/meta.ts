import type { Lang } from './types.js';

/** `sv-SE`, `SV`, `swe` → `sv`; undefined or empty → undefined so the caller detects the language instead. */
export function normalizeLangCode(lang: string | undefined): Lang | undefined {
  if (lang === undefined) return undefined;
  const code = lang.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (code.length === 0) return undefined;
  return THREE_LETTER[code] ?? code;
}

const THREE_LETTER: Record<string, string> = { swe: 'sv', eng: 'en', ara: 'ar', arb: 'ar' };

/** A URL as `url:` filters see it: scheme and `www.` dropped, lower-cased, no trailing slash. */
export function normalizeUrl(url: string): string {
  let out = url.trim().toLowerCase();
  if (out.startsWith('https://')) out = out.slice(8);
  else if (out.startsWith('http://')) out = out.slice(7);
  if (out.startsWith('www.')) out = out.slice(4);
  while (out.endsWith('/')) out = out.slice(0, -1);
  return out;
}
