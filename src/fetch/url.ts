import { FetchBadUrlError, FetchBlockedError } from './errors.js';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Parses a URL we are about to request (the first one or a redirect target) and applies the rules that need no
 * DNS: http(s) only, no credentials. Address rules are checked by the guard.
 */
export function parseTargetUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new FetchBadUrlError(raw, 'not a valid absolute URL', { cause });
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
    throw new FetchBlockedError(url.toString(), `scheme '${url.protocol}' is not allowed; only http: and https:`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchBlockedError(url.toString(), 'credentials in the URL are not allowed; pass an Authorization header');
  }
  url.hash = '';
  return url;
}

/** The hostname as an address literal would be written without brackets ("[::1]" → "::1"). */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}
