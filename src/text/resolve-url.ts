const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Resolves `href` against `base` and returns it only when the result is an http(s) URL.
 * javascript:, data:, mailto: and unparseable values give null, so callers never follow them.
 */
export function resolveHttpUrl(href: string | null | undefined, base?: string | null): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  const url = parseUrl(trimmed, base ?? undefined);
  if (url === null || !WEB_PROTOCOLS.has(url.protocol)) return null;
  return url.href;
}

/**
 * Like resolveHttpUrl, but a relative link that cannot be resolved (no base known) is kept as given:
 * in a feed without any base it is still better evidence than nothing. Non-http(s) schemes still give null.
 */
export function resolveUrlLeniently(href: string | null | undefined, base?: string | null): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  const url = parseUrl(trimmed, base ?? undefined);
  if (url === null) return hasScheme(trimmed) ? null : trimmed;
  return WEB_PROTOCOLS.has(url.protocol) ? url.href : null;
}

function hasScheme(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href);
}

function parseUrl(href: string, base: string | undefined): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}
