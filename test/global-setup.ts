import { ensureTemplate } from './helpers/postgres.js';

/** One migrated template database per schema version; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function setup(): Promise<void> {
  await ensureTemplate();
}
