import { hostname } from 'node:os';
import type { Db } from '../db/index.js';
import { abandonFetchRuns, findLostClassifications, runningFetchRuns } from '../db/queries/index.js';
import type { Queues } from '../queue/index.js';

export interface RecoveryDeps {
  db: Db;
  queues: Queues;
  now: () => Date;
  /** A run cannot legitimately run much longer than its fetch deadline (collect.jobTimeoutMs). */
  jobTimeoutMs: number;
}

/** Imported posts (no run) this fresh may still be on their way to the queue: the import enqueues after each batch. */
const IMPORT_SETTLE_MS = 60_000;
/** At most this many posts are queued again per pass; the next pass takes the rest. */
const LOST_POSTS_PER_PASS = 50_000;
const PROCESS_OWNER_PREFIX = 'process:';

/** What `fetch_runs.job_id` records for a run outside BullMQ (`collect --once`): this host and process. */
export function processRunOwner(): string {
  return `${PROCESS_OWNER_PREFIX}${hostname()}:${process.pid}`;
}

/**
 * Closes as `abandoned` the runs left `running` by a process that died: the BullMQ job is no longer active, the
 * recorded process is gone, or the run is far past its deadline. Run at start and by the sweep.
 */
export async function closeAbandonedRuns(deps: RecoveryDeps): Promise<number> {
  const now = deps.now();
  const dead: number[] = [];
  for (const run of await runningFetchRuns(deps.db)) {
    if (!(await isRunAlive(deps, run, now))) dead.push(run.id);
  }
  return abandonFetchRuns(deps.db, dead, now);
}

async function isRunAlive(deps: RecoveryDeps, run: { jobId: string | null; startedAt: Date }, now: Date): Promise<boolean> {
  if (now.getTime() - run.startedAt.getTime() > 2 * deps.jobTimeoutMs) return false;
  if (run.jobId === null) return true;
  if (run.jobId.startsWith(PROCESS_OWNER_PREFIX)) return isProcessAlive(run.jobId.slice(PROCESS_OWNER_PREFIX.length));
  return deps.queues.isCollectJobActive(run.jobId);
}

function isProcessAlive(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  // Another host's processes cannot be checked: its run is closed by the deadline instead.
  if (host !== hostname() || !Number.isSafeInteger(pid)) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Queues again the posts stored without their classify job (a crash between storing and enqueuing, a Redis that lost
 * its queues): posts of runs no longer running, at once, without waiting; ids already in a classify job are skipped.
 */
export async function enqueueLostClassifications(deps: RecoveryDeps): Promise<number> {
  const queued = await deps.queues.queuedClassifyPostIds();
  const ids = await findLostClassifications(deps.db, {
    importsSettledBefore: new Date(deps.now().getTime() - IMPORT_SETTLE_MS),
    exclude: queued,
    limit: LOST_POSTS_PER_PASS,
  });
  await deps.queues.enqueueClassify(ids);
  return ids.length;
}

/** Both, in order: a run closed as abandoned releases its posts to be queued again. */
export async function recoverLostWork(deps: RecoveryDeps): Promise<{ abandonedRuns: number; requeuedPosts: number }> {
  const abandonedRuns = await closeAbandonedRuns(deps);
  const requeuedPosts = await enqueueLostClassifications(deps);
  return { abandonedRuns, requeuedPosts };
}
