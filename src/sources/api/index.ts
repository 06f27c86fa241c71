export { SourceResponseError, SourceUnavailableError } from './errors.js';
export { describeSource, parseJsonBody } from './json-response.js';
export { validateEach, describeIssues, stringField, type Validated } from './validate.js';
export { minIntervalMs, waitForTurn } from './pacing.js';
export { readRateLimit, rateLimitStop, type RateLimitState } from './rate-limit.js';
export {
  politenessFields,
  minRateLimitRemainingField,
  baseUrlField,
  tokenField,
  bearerHeaders,
  type PolitenessDefaults,
} from './config.js';
export { readCursor } from './cursor.js';
export { fetchPaced } from './request.js';
export { Watermark, watermarkCursorSchema, type WatermarkCursor } from './watermark.js';
