import { VaksamError } from './vaksam-error.js';

export { VaksamError } from './vaksam-error.js';
export { plainErrorText, serializeErrorForLog, summariseError, type ErrorSummary } from './describe.js';

/** Configuration that fails validation: the message names the key path and what was expected. */
export class ConfigError extends VaksamError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('CONFIG_INVALID', message, options);
  }
}

/** True when retrying cannot help (malformed input, 404/410, refused by policy). */
export function isPermanent(err: unknown): boolean {
  return err instanceof VaksamError && PERMANENT_CODES.has(err.code);
}

const PERMANENT_CODES = new Set([
  'CONFIG_INVALID',
  'FETCH_BLOCKED',
  'FETCH_ROBOTS_DISALLOWED',
  'FETCH_GONE',
  'FETCH_BAD_URL',
  'FETCH_HTTP_3XX',
  // Retrying at once downloads the same oversized body or loop again; the next scheduled run tries anew.
  'FETCH_TOO_LARGE',
  'FETCH_TOO_MANY_REDIRECTS',
  'FETCH_BAD_ENCODING',
  'FEED_UNPARSEABLE',
  'QUERY_SYNTAX',
  'CATALOGUE_INVALID',
  'SOURCE_CONFIG_INVALID',
  // A public channel or account that does not exist will not appear on retry.
  'SOURCE_UNAVAILABLE',
  'IMPORT_INVALID',
]);
