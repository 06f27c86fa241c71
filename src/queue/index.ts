export * from './names.js';
export { connectRedis, checkEvictionPolicy, pingRedis } from './connection.js';
export { Queues, type QueueSettings } from './queues.js';
