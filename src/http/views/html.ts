/**
 * The one escaping helper of the web UI. Every page is built with the `html` tag: each interpolated value is
 * escaped unless it is itself the result of `html` (a {@link SafeHtml}). Post text, author names, URLs and
 * query strings can therefore never become markup, whichever template they end up in.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c] as string);
}

/** Arrays are joined, null/undefined/false render nothing, SafeHtml is kept, anything else is escaped text. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A link target from data (a post's URL): only http(s) URLs pass, anything else (javascript:, data:) becomes '#'. */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : '#';
  } catch {
    return '#';
  }
}

/** A link that opens a post or source elsewhere; a URL that is not http(s) is shown as text, never linked. */
export function externalLink(url: string | null | undefined, text: string | null = null): SafeHtml {
  if (!url) return html`–`;
  const href = safeHref(url);
  return href === '#' ? html`${text ?? url}` : html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${text ?? url}</a>`;
}

/** Builds a local path with a query string from defined values only. */
export function pathWithQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
