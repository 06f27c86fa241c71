export { mastodonAdapter } from './adapter.js';
export { mastodonConfigSchema, statusSchema, type MastodonConfig } from './schema.js';
export { entryToItem, parseLinkHeader, compareStatusIds } from './parse.js';
