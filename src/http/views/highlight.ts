import { html, type SafeHtml } from './html.js';

export interface Span {
  start: number;
  end: number;
  /** Tooltip, e.g. the rule or signal kind. */
  label?: string;
}

/**
 * Text with some ranges wrapped in <mark>: every piece of text goes through the `html` tag, so the ranges can come
 * from anywhere (matched terms, threat signals) without opening a way to inject markup. Overlaps are merged.
 */
export function highlightSpans(text: string, spans: readonly Span[], className = ''): SafeHtml {
  const sorted = spans.filter((s) => s.start >= 0 && s.end > s.start && s.start < text.length).sort((a, b) => a.start - b.start);
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    const end = Math.min(span.end, text.length);
    parts.push(html`${text.slice(at, span.start)}<mark${className ? html` class="${className}"` : ''}${span.label ? html` title="${span.label}"` : ''}>${text.slice(span.start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

/** A search headline from Postgres with its hit markers turned into <mark>, the rest escaped. */
export function markedHeadline(headline: string, start: string, end: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let rest = headline;
  for (;;) {
    const open = rest.indexOf(start);
    const close = open < 0 ? -1 : rest.indexOf(end, open + start.length);
    if (open < 0 || close < 0) break;
    parts.push(html`${rest.slice(0, open)}<mark>${rest.slice(open + start.length, close)}</mark>`);
    rest = rest.slice(close + end.length);
  }
  parts.push(html`${rest.split(start).join('').split(end).join('')}`);
  return html`${parts}`;
}

/** The text a post was classified as: its title in front when the text does not already start with it. */
export function classifiedText(title: string | null, text: string): string {
  return title && !text.startsWith(title) ? `${title}\n\n${text}` : text;
}
