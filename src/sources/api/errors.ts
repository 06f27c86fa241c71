import { VaksamError } from '../../errors/index.js';

interface SourceErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * A platform answered with something that is not the kind of document its API promises: an HTML error or login page
 * where JSON was expected, JSON that does not parse, an XML feed that is not a feed. Usually transient (maintenance
 * pages, CDN challenges); the message names the source and the URL so an admin can open it.
 */
export class SourceResponseError extends VaksamError {
  constructor(message: string, options: SourceErrorOptions = {}) {
    super('SOURCE_BAD_RESPONSE', message, options);
  }
}

/** The platform says the collected thing does not exist publicly (no such Telegram channel, private preview...). */
export class SourceUnavailableError extends VaksamError {
  constructor(message: string, options: SourceErrorOptions = {}) {
    super('SOURCE_UNAVAILABLE', message, options);
  }
}
