import type { FetchResponse } from '../../fetch/index.js';
import type { SourceRecord } from '../types.js';
import { SourceResponseError } from './errors.js';

/** "mastodon source 3 'lvu-tag'": how errors and warnings name the source. */
export function describeSource(source: Pick<SourceRecord, 'id' | 'kind' | 'name'>): string {
  return `${source.kind} source ${source.id} '${source.name}'`;
}

/**
 * Parses an API body as JSON (always UTF-8, RFC 8259). An HTML page (CDN challenge, maintenance or login page, an
 * instance's 200 error page) or unparseable text throws SourceResponseError naming the source and the URL.
 */
export function parseJsonBody(response: FetchResponse, sourceLabel: string): unknown {
  const text = response.body.toString('utf8').replace(/^\uFEFF/, '');
  const contentType = response.headers['content-type'] ?? '';
  if (/html/i.test(contentType) || /^\s*</.test(text)) {
    const title = pageTitle(text);
    throw new SourceResponseError(
      `${sourceLabel}: expected JSON from ${response.url} but got an HTML page ` +
        `(HTTP ${response.status}, content-type '${contentType || 'none'}'${title ? `, title '${title}'` : ''}); ` +
        'the site may be down, rate limiting or asking for a login, or the URL is not an API endpoint',
      { details: { url: response.url, status: response.status, contentType } },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new SourceResponseError(
      `${sourceLabel}: the response from ${response.url} is not valid JSON (HTTP ${response.status}, ` +
        `${response.bytes} bytes, content-type '${contentType || 'none'}')`,
      { cause, details: { url: response.url, status: response.status, contentType } },
    );
  }
}

function pageTitle(html: string): string | null {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  const title = match?.[1]?.replace(/\s+/g, ' ').trim();
  return title ? title.slice(0, 80) : null;
}
