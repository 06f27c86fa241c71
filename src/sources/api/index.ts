export { SourceResponseError, SourceUnavailableError } from './errors.js';
export { describeSource, parseJsonBody } from './json-response.js';
export { validateEach, describeIssues, stringField, type Validated } from './validate.js';
export { readRateLimit, rateLimitStop, type RateLimitState } from './rate-limit.js';
export {
  politenessFields,
  minRateLimitRemainingField,
  baseUrlField,
  tokenField,
  bearerHeaders,
  minIntervalMs,
  type PolitenessDefaults,
} from './config.js';
export { readCursor } from './cursor.js';
export { collectPages, type PagedRun, type PagedSource, type PageRead, type PageRequest } from './paged.js';
export { Watermark, watermarkCursorSchema, type WatermarkCursor } from './watermark.js';
