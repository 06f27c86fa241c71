import { VaksamError } from '../../errors/index.js';

/** A CSS selector in a web source's config that cheerio cannot compile. Permanent until the config changes. */
export class WebSelectorError extends VaksamError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('SOURCE_CONFIG_INVALID', message, options);
  }
}
