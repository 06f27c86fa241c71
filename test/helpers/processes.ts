import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { packageRoot } from '../../src/config/index.js';
import { REDIS_URL } from './redis.js';

/** The compiled CLI (`npm test` builds dist/ first): tests that kill or signal a process run it for real. */
export const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

export interface CliProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of the pattern in stdout or stderr (from `stderrFrom` on), as soon as it is written. */
  waitFor(pattern: RegExp, stderrFrom?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `vaksam ARGS` as a child process with exactly the given environment (plus PATH and HOME). */
export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
  const child = spawn(process.execPath, [CLI, ...args], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return watch(child);
}

/** Runs `vaksam ARGS` to the end. */
export async function runCliProcess(args: string[], env: Record<string, string>): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const proc = spawnCli(args, env);
  const code = await proc.exited;
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

export function watch(child: ChildProcess): CliProcess {
  let out = '';
  let err = '';
  const waiters: Array<{ pattern: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }> = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = waiter.from > 0 ? err.slice(waiter.from).match(waiter.pattern) : (out.match(waiter.pattern) ?? err.match(waiter.pattern));
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  collect(child.stdout, (s) => (out += s), check);
  collect(child.stderr, (s) => (err += s), check);
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, stderrFrom = 0) {
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, from: stderrFrom, resolve });
        check();
        void exited.then((code) => reject(new Error(`process exited (${code}) before printing ${pattern}:\n${out}\n${err}`)));
      });
    },
  };
}

function collect(stream: Readable | null, append: (s: string) => void, after: () => void): void {
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    append(chunk);
    after();
  });
}

function baseEnv(env: Record<string, string>): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR']) if (process.env[name]) keep[name] = process.env[name]!;
  return { ...keep, ...env };
}

/** The environment of a Vaksam process in a test: its own database and Redis prefix, feeds on 127.0.0.1 allowed. */
export function processEnv(databaseUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    LOG_LEVEL: 'warn',
    VAKSAM_REDIS__PREFIX: prefix,
    VAKSAM_FETCH__ALLOW_PRIVATE_NETWORKS: '["127.0.0.1/32"]',
    VAKSAM_FETCH__RESPECT_ROBOTS: 'false',
    VAKSAM_COLLECT__SEED_DEMO_SOURCES: 'false',
    ...extra,
  };
}
