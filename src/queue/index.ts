export * from './names.js';
export { connectRedis, checkEvictionPolicy, pingRedis } from './connection.js';
export { Queues, type FixedSchedules, type QueueSettings, type ReconcileOutcome } from './queues.js';
