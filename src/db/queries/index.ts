export * from './posts.js';
export * from './sources.js';
export * from './claims.js';
