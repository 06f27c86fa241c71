export { youtubeAdapter } from './adapter.js';
export { youtubeConfigSchema, type YoutubeConfig } from './schema.js';
export { parseVideoFeed, type VideoFeed } from './parse.js';
