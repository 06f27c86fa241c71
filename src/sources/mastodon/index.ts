export { mastodonAdapter } from './adapter.js';
export { mastodonConfigSchema, type MastodonConfig } from './schema.js';
export { entryToItem, parseLinkHeader, compareStatusIds } from './parse.js';
