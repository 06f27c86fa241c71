import { VaksamError } from '../../errors/index.js';

/** The document is not a feed at all (HTML page, empty body, JSON that is not a JSON Feed, unknown XML). */
export class FeedUnparseableError extends VaksamError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('FEED_UNPARSEABLE', message, options);
  }
}
