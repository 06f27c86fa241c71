export * from './collect.js';
export * from './classify.js';
