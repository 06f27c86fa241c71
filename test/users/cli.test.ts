import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/postgres.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error', REDIS_URL: 'redis://127.0.0.1:6379', VAKSAM_HTTP__PORT: '0', VAKSAM_HTTP__SCRYPT_LOG_N: '14' };
});
afterAll(() => database.drop());

/** Runs `vaksam serve` in-process until the given text has been printed, then returns its output and a stop. */
async function serveUntil(printed: RegExp) {
  let stop!: (signal: string) => void;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const done = runCli(['serve'], { stdin: Readable.from(['']), stdout, stderr, env, stopSignal: new Promise<string>((resolve) => (stop = resolve)) });
  while (!printed.test(out)) out += String((await once(stdout, 'data'))[0]);
  return { stdout: () => out, stderr: () => err, stop: async () => (stop('SIGTERM'), done) };
}

describe('vaksam serve', () => {
  it('creates the first admin on an empty database, prints its password once and the URL', async () => {
    const first = await serveUntil(/Vaksam web UI: (http:\/\/127\.0\.0\.1:\d+)\//);
    const url = /Vaksam web UI: (\S+)\//.exec(first.stdout())![1]!;
    const password = /password: {2}(\S+)/.exec(first.stderr())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.stderr()).toContain('user name: admin');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await serveUntil(/Vaksam web UI:/);
    expect(second.stderr()).not.toContain('password');
    expect(await second.stop()).toBe(0);
  });
});

describe('vaksam users', () => {
  it('adds a user with a generated password, lists it, changes its role and disables it', async () => {
    const added = await cli(['users', 'add', 'Kim', '--role', 'security', '--name', 'Kim Ek'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/added user 'kim' with role security\npassword: [A-Za-z0-9_-]{24}\n/);
    expect((await cli(['users', 'set-role', 'kim', 'viewer'], env)).code).toBe(0);
    expect((await cli(['users', 'disable', 'kim'], env)).code).toBe(0);
    const list = await cli(['users', 'list', '--json'], env);
    const kim = list.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((u) => u.username === 'kim');
    expect(kim).toMatchObject({ displayName: 'Kim Ek', role: 'viewer', disabled: true, oidc: false });
  });

  it('reads a chosen password from stdin and never prints it', async () => {
    const added = await cli(['users', 'add', 'lo', '--role', 'viewer', '--password-stdin'], env, 'a chosen password 123\n');
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain('a chosen password');
    const reset = await cli(['users', 'reset-password', 'lo'], env);
    expect(reset.stdout).toMatch(/sessions ended\npassword: [A-Za-z0-9_-]{24}\n/);
  });

  it.each([
    [['users', 'add', 'x y', '--role', 'viewer'], /user name 'x y' is not allowed/],
    [['users', 'add', 'ny', '--role', 'boss'], /unknown role 'boss'; roles: admin, security, communications, viewer/],
    [['users', 'reset-password', 'nobody'], /no user named 'nobody'/],
    [['users', 'add', 'short', '--role', 'viewer', '--password-stdin'], /password too short/],
  ])('explains a refused command %j', async (argv, message) => {
    const run = await cli(argv, env, 'short\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
