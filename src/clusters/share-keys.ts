import { normalizeUrl, tokenize } from '../language/index.js';

const MAX_TOKENS = 2000;

/** The links a post shares, normalised (scheme, www, case, trailing slash, fragment and utm_* parameters dropped). */
export function sharedLinks(text: string): string[] {
  const links = new Set<string>();
  for (const token of tokenize(text, MAX_TOKENS).tokens) {
    if (token.kind !== 'url') continue;
    links.add(canonicalLink(token.raw));
  }
  return [...links];
}

function canonicalLink(raw: string): string {
  const noFragment = raw.split('#')[0] as string;
  const [path, query] = noFragment.split('?', 2) as [string, string | undefined];
  const kept = (query ?? '').split('&').filter((p) => p !== '' && !p.toLowerCase().startsWith('utm_'));
  return normalizeUrl(kept.length > 0 ? `${path}?${kept.join('&')}` : path);
}
