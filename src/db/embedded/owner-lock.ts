import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Who owns the embedded database folder, as recorded in `<dataDir>/pglite.owner`. */
export interface OwnerRecord {
  pid: number;
  host: string;
  /** The vaksam command that owns it (`start`, `serve`, `import`...). */
  command: string;
  /** The Unix socket it serves the database on; null while it is still opening it. */
  socket: string | null;
  startedAt: string;
}

export type LockOutcome = { owned: OwnerLock } | { heldBy: OwnerRecord };

const LOCK_FILE = 'pglite.owner';
const TAKEOVER_FILE = 'pglite.owner.takeover';
/** Lock records this process holds: a record with our own pid that is not among them was left by an earlier process. */
const heldHere = new Set<string>();
const TAKEOVER_ATTEMPTS = 40;
const TAKEOVER_RETRY_MS = 50;

/**
 * Takes the owner lock of a data folder, exclusively: the lock file is created by `link`, which fails atomically when
 * it exists. A lock whose process is gone (kill -9, power loss) is taken over under a second lock file, so two
 * processes finding the same stale lock never both take it.
 */
export async function acquireOwnerLock(dataDir: string, command: string): Promise<LockOutcome> {
  const path = join(dataDir, LOCK_FILE);
  const record: OwnerRecord = { pid: process.pid, host: hostname(), command, socket: null, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (createExclusive(path, record)) return { owned: new OwnerLock(path, record) };
    const holder = readOwnerRecord(dataDir);
    if (holder && isOwnerAlive(holder)) return { heldBy: holder };
    if (!takeOverStale(dataDir, holder)) await delay(TAKEOVER_RETRY_MS);
  }
  const holder = readOwnerRecord(dataDir);
  if (holder) return { heldBy: holder };
  throw new Error(`cannot take the lock ${path}: another process keeps taking it over`);
}

export function readOwnerRecord(dataDir: string): OwnerRecord | null {
  return readOwnerRecordAt(join(dataDir, LOCK_FILE));
}

/** True while the recorded process runs. A process on another host cannot be checked, so it counts as alive. */
export function isOwnerAlive(record: OwnerRecord): boolean {
  if (record.host !== hostname()) return true;
  if (record.pid === process.pid) return heldHere.has(recordKey(record));
  try {
    process.kill(record.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OwnerLock {
  private released = false;
  private readonly releaseOnExit = () => this.release();

  constructor(
    readonly path: string,
    private record: OwnerRecord,
  ) {
    heldHere.add(recordKey(record));
    // A process that exits without closing (a forced shutdown) still leaves no lock behind.
    process.once('exit', this.releaseOnExit);
  }

  /** Records the socket clients connect to (an atomic rename over the lock file, which stays ours). */
  publishSocket(socket: string): void {
    this.record = { ...this.record, socket };
    const tmp = `${this.path}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.record), { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.releaseOnExit);
    heldHere.delete(recordKey(this.record));
    const current = readOwnerRecordAt(this.path);
    if (current && recordKey(current) === recordKey(this.record)) unlinkQuietly(this.path);
  }
}

function createExclusive(path: string, record: OwnerRecord): boolean {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(tmp);
  }
}

/** Removes a stale lock while holding the takeover lock; false when another process is taking over right now. */
function takeOverStale(dataDir: string, stale: OwnerRecord | null): boolean {
  const takeover = join(dataDir, TAKEOVER_FILE);
  const mine: OwnerRecord = { pid: process.pid, host: hostname(), command: 'takeover', socket: null, startedAt: new Date().toISOString() };
  if (!createExclusive(takeover, mine)) {
    const other = readOwnerRecordAt(takeover);
    if (other && isOwnerAlive(other)) return false;
    unlinkQuietly(takeover);
    return false;
  }
  try {
    const current = readOwnerRecord(dataDir);
    const unchanged = current === null ? stale === null : stale !== null && recordKey(current) === recordKey(stale);
    if (unchanged) unlinkQuietly(join(dataDir, LOCK_FILE));
    return true;
  } finally {
    unlinkQuietly(takeover);
  }
}

function readOwnerRecordAt(path: string): OwnerRecord | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<OwnerRecord>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return { pid: value.pid, host: value.host, command: String(value.command ?? '?'), socket: typeof value.socket === 'string' ? value.socket : null, startedAt: String(value.startedAt ?? '') };
  } catch {
    return null;
  }
}

function recordKey(record: Pick<OwnerRecord, 'pid' | 'host' | 'startedAt'>): string {
  return `${record.host}/${record.pid}/${record.startedAt}`;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to remove.
  }
}
