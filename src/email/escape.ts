/**
 * Everything from a post (text, titles, handles, URLs) passes through here before it reaches an email.
 * Bidi embedding/override/isolate controls can make a subject or excerpt read backwards (the "RTL override"
 * trick); C0/C1 controls and line/paragraph separators can split headers. Arabic text needs none of them to
 * display right: the renderers give it `dir="auto"`.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\t]+/g;

/** Removes controls that can spoof or split text; keeps newlines of the body. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029\u0085]/g, '\n').replace(UNSAFE, '');
}

/** One line, no controls, at most `max` characters: safe for a Subject or any other header. */
export function cleanHeader(value: string, max = 140): string {
  return truncate(cleanText(value).replace(LINE_BREAKS, ' ').replace(/ {2,}/g, ' ').trim(), max);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Escaped text with break opportunities inside very long words, so a 500-character "word" cannot push a phone
 * screen sideways. Counts code points, so an emoji or Arabic letter is never cut in half.
 */
export function htmlText(value: string, breakEvery = 24): string {
  return cleanText(value)
    .split(/(\s+)/)
    .map((part) => {
      const chars = Array.from(part);
      if (chars.length <= breakEvery) return escapeHtml(part);
      const chunks: string[] = [];
      for (let i = 0; i < chars.length; i += breakEvery) chunks.push(escapeHtml(chars.slice(i, i + breakEvery).join('')));
      return chunks.join('<wbr>');
    })
    .join('');
}

/** Collapsed whitespace, at most `max` code points, ending with an ellipsis when cut. */
export function excerpt(value: string, max: number): string {
  return truncate(cleanText(value).replace(/\s+/g, ' ').trim(), max);
}

function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

/** Only http(s) links survive (a post's URL could be `javascript:`); null otherwise. */
export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
