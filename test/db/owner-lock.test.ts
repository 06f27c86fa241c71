import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireOwnerLock, readOwnerRecord } from '../../src/db/embedded/owner-lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'vaksam-lock-'));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('owner lock of the embedded database folder', () => {
  it('gives the folder to exactly one of several processes racing for it', async () => {
    const dir = folder();
    const outcomes = await Promise.all(['a', 'b', 'c', 'd'].map((command) => acquireOwnerLock(dir, command)));
    const owners = outcomes.filter((o) => 'owned' in o);
    expect(owners).toHaveLength(1);
    for (const o of outcomes) if ('heldBy' in o) expect(o.heldBy.pid).toBe(process.pid);
    for (const o of owners) if ('owned' in o) o.owned.release();
    expect(readOwnerRecord(dir)).toBeNull();
  });

  it('takes over a lock whose process is gone, and only one of two takers gets it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'pglite.owner'), JSON.stringify({ pid: await deadPid(), host: hostname(), command: 'start', socket: '/gone.sock', startedAt: '2026-01-01T00:00:00Z' }));
    const [first, second] = await Promise.all([acquireOwnerLock(dir, 'import'), acquireOwnerLock(dir, 'users list')]);
    const owned = [first, second].filter((o) => 'owned' in o);
    expect(owned).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'pglite.owner'), 'utf8')).pid).toBe(process.pid);
    for (const o of owned) if ('owned' in o) o.owned.release();
  });

  it('leaves a lock whose process runs alone and says who holds it', async () => {
    const dir = folder();
    const record = { pid: process.ppid, host: hostname(), command: 'start', socket: join(dir, 'pglite.sock'), startedAt: '2026-01-01T00:00:00Z' };
    writeFileSync(join(dir, 'pglite.owner'), JSON.stringify(record));
    expect(await acquireOwnerLock(dir, 'serve')).toEqual({ heldBy: record });
  });
});
