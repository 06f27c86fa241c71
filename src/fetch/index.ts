export { createFetcher } from './fetcher.js';
export { decodeBody } from './charset.js';
export type { BodyKind, CharsetSource, DecodeBodyOptions, DecodedBody } from './charset.js';
export { isPrivateAddress } from './address.js';
export { DEFAULT_FETCH_OPTIONS, type FetchOptions, type FetcherOptions } from './options.js';
/** The schema lives in config (config is a leaf); re-exported for callers that validate fetch options. */
export { fetchOptionsSchema } from '../config/index.js';
export type { ResolveHost } from './guard.js';
export {
  FetchAbortedError,
  FetchBadEncodingError,
  FetchBadUrlError,
  FetchBlockedError,
  FetchError,
  FetchHttpError,
  FetchNetworkError,
  FetchRetryLaterError,
  FetchRobotsDisallowedError,
  FetchTimeoutError,
  FetchTooLargeError,
  FetchTooManyRedirectsError,
  type TimeoutPhase,
} from './errors.js';
export { parseRetryAfter } from './response.js';
export { redactUrl } from './redact-url.js';
export type { FetchRequest, FetchResponse, Fetcher } from './types.js';
