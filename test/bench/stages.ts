import { join } from 'node:path';
import { createTestDatabase, ensureTemplate } from '../helpers/postgres.js';
import { benchClaims } from './claims-bench.js';
import { benchClassify } from './classify-bench.js';
import { benchClusters } from './cluster-bench.js';
import { benchIngest, benchUpsert } from './ingest-bench.js';
import { peakRssMb } from './measure.js';
import { benchParse } from './parse-bench.js';

export const STAGES = ['parse', 'upsert', 'ingest', 'classify', 'claims', 'alerts', 'clusters'] as const;
export type StageName = (typeof STAGES)[number];

/** One bench stage in this process; its figures plus the process's peak RSS. */
export async function runStage(stage: StageName, options: { corpus: string }): Promise<Record<string, unknown>> {
  const figures = await measure(stage, options);
  return { ...figures, stage_peak_rss_mb: peakRssMb() };
}

async function measure(stage: StageName, options: { corpus: string }): Promise<Record<string, unknown>> {
  switch (stage) {
    case 'parse':
      return benchParse(join(options.corpus, 'feeds'));
    case 'classify':
      return benchClassify();
    case 'claims':
      return benchClaims();
    default:
      return withDatabase(stage);
  }
}

async function withDatabase(stage: 'upsert' | 'ingest' | 'alerts' | 'clusters'): Promise<Record<string, unknown>> {
  await ensureTemplate();
  const database = await createTestDatabase(10);
  try {
    if (stage === 'upsert') return await benchUpsert(database.db);
    if (stage === 'ingest') return await benchIngest(database.db);
    if (stage === 'clusters') return await benchClusters(database.db);
    const { benchAlerts } = await import('./alerts-bench.js');
    return await benchAlerts(database.db);
  } finally {
    await database.drop();
  }
}
