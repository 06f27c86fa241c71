export { redditAdapter } from './adapter.js';
export { redditConfigSchema, type RedditConfig } from './schema.js';
export { thingToItem } from './parse.js';
