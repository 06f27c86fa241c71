import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { VaksamError } from '../../errors/index.js';
import { acquireOwnerLock, type OwnerLock, type OwnerRecord } from './owner-lock.js';
import { startWireServer } from './wire-server.js';

/**
 * `own`: this process must own the folder (start, serve, worker): a second owner refuses.
 * `share`: go through the owner when one runs, otherwise own the folder for as long as this process needs it.
 */
export type EmbeddedRole = 'own' | 'share';

export interface EmbeddedOptions {
  dataDir: string;
  role: EmbeddedRole;
  /** The command, recorded in the lock so a refused second owner can say who holds the folder. */
  command: string;
  /** Called for problems of single client connections (they never stop the owner). */
  onClientError?: (error: Error) => void;
}

/** Where to connect with postgres.js, and what to do when done. */
export interface EmbeddedEndpoint {
  socketPath: string;
  role: 'owner' | 'client';
  ownerPid: number;
  /** Owner: stops serving and closes PGlite (call after the own connections ended). Client: nothing to do. */
  close(): Promise<void>;
}

export class DatabaseInUseError extends VaksamError {
  constructor(pgliteDir: string, holder: OwnerRecord) {
    super(
      'DATABASE_IN_USE',
      `the embedded database ${pgliteDir} is already open by \`vaksam ${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
        `Stop that process first (Ctrl-C, or kill ${holder.pid}); commands such as \`vaksam sources list\` work beside it. ` +
        'To run several servers, use PostgreSQL (DATABASE_URL).',
      { details: { pid: holder.pid, command: holder.command } },
    );
  }
}

/** An owner that is still opening the folder (the first open runs initdb) gets this long to start serving it. */
const OWNER_START_WAIT_MS = 120_000;
const OWNER_POLL_MS = 100;
/** Unix socket paths are limited to about 107 bytes; a longer data folder path gets its socket in a temp folder. */
const MAX_SOCKET_PATH_BYTES = 100;

/**
 * Exactly one process opens `<dataDir>/pglite`: the owner. It serves the database on a Unix socket recorded in the
 * lock file, and every process (the owner too) talks to it through that socket with postgres.js, so what one writes
 * the others see at once and PGlite's single session is never shared by two writers unknowingly.
 */
export async function openEmbedded(options: EmbeddedOptions): Promise<EmbeddedEndpoint> {
  const dataDir = resolve(options.dataDir);
  const pgliteDir = join(dataDir, 'pglite');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const deadline = Date.now() + OWNER_START_WAIT_MS;
  for (;;) {
    const outcome = await acquireOwnerLock(dataDir, options.command);
    if ('owned' in outcome) return serveAsOwner(outcome.owned, dataDir, pgliteDir, options);
    const holder = outcome.heldBy;
    if (options.role === 'own') throw new DatabaseInUseError(pgliteDir, holder);
    if (holder.socket !== null) return { socketPath: holder.socket, role: 'client', ownerPid: holder.pid, close: async () => {} };
    if (Date.now() > deadline) {
      throw new VaksamError('DATABASE_OWNER_NOT_SERVING', `\`vaksam ${holder.command}\` (pid ${holder.pid}) holds ${pgliteDir} but has not started serving it; is it stuck?`);
    }
    await delay(OWNER_POLL_MS);
  }
}

async function serveAsOwner(lock: OwnerLock, dataDir: string, pgliteDir: string, options: EmbeddedOptions): Promise<EmbeddedEndpoint> {
  // Loaded only when used: PGlite's WebAssembly Postgres is large, and servers with DATABASE_URL never need it.
  const { PGlite } = await import('@electric-sql/pglite');
  const socketPath = chooseSocketPath(dataDir);
  try {
    mkdirSync(pgliteDir, { recursive: true, mode: 0o700 });
    const pg = await PGlite.create(pgliteDir);
    const server = await startWireServer(pg, socketPath, { onClientError: options.onClientError }).catch(async (error: unknown) => {
      await pg.close();
      throw error;
    });
    lock.publishSocket(socketPath);
    return {
      socketPath,
      role: 'owner',
      ownerPid: process.pid,
      async close() {
        try {
          await server.close();
          await pg.close();
        } finally {
          removeSocketFolder(socketPath, dataDir);
          lock.release();
        }
      },
    };
  } catch (error) {
    removeSocketFolder(socketPath, dataDir);
    lock.release();
    throw error;
  }
}

function chooseSocketPath(dataDir: string): string {
  const beside = join(dataDir, 'pglite.sock');
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH_BYTES) return beside;
  return join(mkdtempSync(join(tmpdir(), 'vaksam-pglite-')), 'pglite.sock');
}

function removeSocketFolder(socketPath: string, dataDir: string): void {
  rmSync(socketPath, { force: true });
  if (dirname(socketPath) !== dataDir) rmSync(dirname(socketPath), { recursive: true, force: true });
}
