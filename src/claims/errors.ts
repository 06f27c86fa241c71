import { VaksamError } from '../errors/index.js';

type ErrorOptions = { cause?: unknown; details?: Record<string, unknown> };

/** One line or record of a claims/queries/qrels input that cannot be used; `details.line` is 1-based. */
export class ClaimsInputError extends VaksamError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('CLAIMS_INPUT_INVALID', message, options);
  }
}

/** A whole claims file that cannot be read: unknown layout, missing columns, unreadable path. */
export class ClaimsFileError extends VaksamError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('CLAIMS_FILE_UNREADABLE', message, options);
  }
}

/** ClaimReview JSON-LD that is too large or not JSON. */
export class ClaimReviewError extends VaksamError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('CLAIMREVIEW_INVALID', message, options);
  }
}
