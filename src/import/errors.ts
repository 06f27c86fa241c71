import { VaksamError } from '../errors/index.js';

/**
 * The file as a whole cannot be imported: unknown format or encoding, a CSV header without the required columns.
 * Problems of single rows are not errors: they come back as rejected rows with their line numbers.
 */
export class ImportError extends VaksamError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('IMPORT_INVALID', message, options);
  }
}
