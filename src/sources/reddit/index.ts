export { redditAdapter } from './adapter.js';
export { redditConfigSchema, thingSchema, type RedditConfig } from './schema.js';
export { thingToItem } from './parse.js';
