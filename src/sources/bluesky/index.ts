export { blueskyAdapter } from './adapter.js';
export { blueskyConfigSchema, type BlueskyConfig } from './schema.js';
export { postToItem, webUrl } from './parse.js';
