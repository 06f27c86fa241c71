/** Quotation marks and the marks that may close them (Swedish ”…” and »…», German „…“, Arabic «…», ASCII "…"). */
const CLOSERS: Record<string, string> = {
  '"': '"',
  '\u201c': '\u201d\u201c',
  '\u201e': '\u201c\u201d',
  '\u00ab': '\u00bb',
  '\u00bb': '\u00ab\u00bb',
  '\u201d': '\u201d',
  '\u2018': '\u2019',
};

/** A quotation longer than this is more likely an unclosed mark than speech. */
const MAX_QUOTE_CHARS = 2000;
const MAX_QUOTES = 100;
/** Characters looked at in total: a post made of unclosed « costs no more than a few long quotes. */
const MAX_WORK = 1_000_000;

export interface Span {
  start: number;
  end: number;
}

/**
 * Spans of quoted text (inside the marks), left to right, not nested. An ASCII apostrophe quotes only when it opens
 * after a space and closes before one ('we know where you live'), never inside a word (don't).
 */
export function findQuotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  let work = 0;
  while (i < text.length && spans.length < MAX_QUOTES && work < MAX_WORK) {
    const apostrophe = text[i] === "'" && !isLetter(text[i - 1]) && isLetter(text[i + 1]);
    const closers = apostrophe ? "'" : CLOSERS[text[i] as string];
    if (closers === undefined) {
      i++;
      continue;
    }
    const limit = Math.min(text.length, i + 1 + MAX_QUOTE_CHARS);
    let j = i + 1;
    while (j < limit && !(closers.includes(text[j] as string) && (!apostrophe || !isLetter(text[j + 1])))) j++;
    work += j - i;
    if (j >= limit) {
      i++;
      continue;
    }
    if (j > i + 1) spans.push({ start: i + 1, end: j });
    i = j + 1;
  }
  return spans;
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

export function isInside(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => start >= s.start && end <= s.end);
}
