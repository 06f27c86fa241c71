/**
 * Every error Vaksam raises on purpose is a VaksamError with a stable `code`.
 * Branch on `code` or `instanceof`, never on the message text.
 */
export class VaksamError extends Error {
  readonly code: string;
  /** Free-form structured context (source id, url, position...) for logs and CLI output. */
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }
}
