import { VaksamError } from '../errors/index.js';

/** A screenshot that cannot be accepted: wrong type, too large, or damaged. The message says what is allowed. */
export class ImageRejectedError extends VaksamError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('TIPLINE_IMAGE_REJECTED', message, { details });
  }
}

/** A report that fails validation (no content, bad URL, too long); the message names the field. */
export class ReportInvalidError extends VaksamError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('TIPLINE_REPORT_INVALID', message, { details });
  }
}

/** Tesseract is missing, timed out, ran out of memory or wrote too much. */
export class OcrError extends VaksamError {
  constructor(code: 'OCR_UNAVAILABLE' | 'OCR_TIMEOUT' | 'OCR_FAILED' | 'OCR_OUTPUT_TOO_LARGE', message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

export class ReportNotFoundError extends VaksamError {
  constructor(reference: string | number) {
    super('TIPLINE_REPORT_NOT_FOUND', `no report ${reference}`, { details: { reference } });
  }
}
