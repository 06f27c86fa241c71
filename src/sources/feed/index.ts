export { detectDocumentKind } from './detect.js';
export { FeedUnparseableError } from './errors.js';
export { parseFeed } from './parse-feed.js';
export { toParseJson, type ParseJson, type ParseJsonItem } from './to-parse-json.js';
export type { DocumentKind, FeedEnclosure, FeedItem, FeedKind, ParsedDocument, ParsedFeed, ParseFeedOptions } from './types.js';
export { feedAdapter, feedSourceConfigSchema, type FeedSourceConfig } from './adapter.js';
