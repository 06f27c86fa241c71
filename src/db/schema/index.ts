export * from './collect.js';
export * from './classify.js';
export * from './alerts.js';
export * from './web.js';
export * from './threats.js';
export * from './tipline.js';
export * from './privacy.js';
export * from './clusters.js';
