export * from './posts.js';
export * from './sources.js';
