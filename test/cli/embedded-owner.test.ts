import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../http/harness.js';
import { runCliProcess, spawnCli, type CliProcess } from '../helpers/processes.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';

// One data folder for the whole file: the first open runs initdb (seconds), and every test builds on what the
// previous ones stored, as a user's folder would. No test deletes it to recover.
let root: string;
let env: Record<string, string>;
let server: CliProcess;
let url: string;
let adminPassword: string;
const prefix = testPrefix();

async function startServer(): Promise<void> {
  server = spawnCli(['start'], env);
  url = (await server.waitFor(/Vaksam web UI: (http:\/\/\S+?)\/\s/))[1]!;
}

async function stopServer(): Promise<number | string> {
  server.child.kill('SIGTERM');
  return server.exited;
}

async function signedIn(user: string, password: string): Promise<Client> {
  const client = new Client(url);
  const reply = await client.signIn(user, password);
  expect(reply.status, reply.text).toBe(200);
  return client;
}

async function vaksam(...args: string[]) {
  const run = await runCliProcess(args, env);
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vaksam-embedded-'));
  env = {
    VAKSAM_DATA_DIR: join(root, 'data'),
    REDIS_URL,
    VAKSAM_REDIS__PREFIX: prefix,
    LOG_LEVEL: 'warn',
    VAKSAM_HTTP__PORT: '0',
    VAKSAM_HTTP__COOKIE_SECURE: 'false',
    VAKSAM_HTTP__SCRYPT_LOG_N: '14',
    VAKSAM_COLLECT__SEED_DEMO_SOURCES: 'false',
    VAKSAM_MAIL__OUTBOX_DIR: join(root, 'outbox'),
  };
  writeFileSync(
    join(root, 'posts.jsonl'),
    ['1', '2', '3'].map((id) => JSON.stringify({ id: `e-${id}`, platform: 'x', text: `inbäddad kvarnsten ${id}` })).join('\n'),
  );
  await startServer();
  adminPassword = (await server.waitFor(/password:\s+(\S+)/))[1]!;
}, 180_000);

afterAll(async () => {
  if (server.child.exitCode === null && server.child.signalCode === null) await stopServer();
  await deletePrefix(prefix);
  rmSync(root, { recursive: true, force: true });
});

describe('embedded database served by its owner', () => {
  it('serves CLI commands run beside `vaksam start`, and the server sees their writes at once', async () => {
    const imported = await vaksam('import', '--format', 'jsonl', join(root, 'posts.jsonl'));
    expect(imported.stdout).toMatch(/3 stored/);
    const added = await vaksam('users', 'add', 'bertil', '--role', 'viewer');
    const password = added.stdout.match(/password: (\S+)/)![1]!;
    await vaksam('recipients', 'add', '--name', 'Kommunikatör', '--email', 'komm@kommun.se', '--roles', 'communications');
    expect((await vaksam('sources', 'list')).stdout).toMatch(/import: x/);

    await signedIn('bertil', password);
    const admin = await signedIn('admin', adminPassword);
    const posts = (await admin.get('/api/v1/posts?q=kvarnsten')).json();
    expect(posts.posts).toHaveLength(3);
    const recipients = (await admin.get('/api/v1/recipients')).json();
    expect(JSON.stringify(recipients)).toContain('komm@kommun.se');
  });

  it('refuses a second owner with a message that says who holds the folder and what to do', async () => {
    const second = await runCliProcess(['serve'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already open by `vaksam start` \(pid \d+/);
    expect(second.stderr).toMatch(/Stop that process first/);
  });

  it('keeps every write across a clean restart', async () => {
    expect(await stopServer()).toBe(0);
    expect(existsSync(join(root, 'data', 'pglite.owner'))).toBe(false);
    await startServer();
    const admin = await signedIn('admin', adminPassword);
    expect((await admin.get('/api/v1/posts?q=kvarnsten')).json().posts).toHaveLength(3);
    expect(JSON.stringify((await admin.get('/api/v1/recipients')).json())).toContain('komm@kommun.se');
  });

  it('starts again after the owner was killed with SIGKILL, taking over its stale lock', async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    const stale = JSON.parse(readFileSync(join(root, 'data', 'pglite.owner'), 'utf8'));
    expect(stale.pid).toBe(server.child.pid);
    await startServer();
    const admin = await signedIn('admin', adminPassword);
    expect((await admin.get('/api/v1/posts?q=kvarnsten')).json().posts).toHaveLength(3);
    const moreUsers = await vaksam('users', 'list');
    expect(moreUsers.stdout).toMatch(/bertil/);
  });

  it('lets a command open the folder itself when no owner runs, and leaves no lock behind', async () => {
    expect(await stopServer()).toBe(0);
    const list = await vaksam('users', 'list');
    expect(list.stdout).toMatch(/bertil/);
    expect(existsSync(join(root, 'data', 'pglite.owner'))).toBe(false);
  });
});
