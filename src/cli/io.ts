import type { Readable, Writable } from 'node:stream';
import { loadConfig, type Config } from '../config/index.js';
import { createLogger, type Logger } from '../log/index.js';

/** The streams and environment a command runs with: process's in production, captured ones in tests. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); tests resolve it themselves. */
  stopSignal: Promise<string>;
  /** The command being run (`sources list`), set by the program before its action runs. */
  command?: string;
}

export function println(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

export function printJson(stream: Writable, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/** Loads config and a logger for a command; config errors surface before anything is opened. */
export function commandContext(io: CliIo, logLevel?: string): { config: Readonly<Config>; log: Logger; command: string } {
  const config = loadConfig({ env: io.env, overrides: logLevel ? { log: { level: logLevel } } : undefined });
  const log = createLogger({ level: config.log.level, destination: io.stderr });
  return { config, log, command: io.command ?? 'vaksam' };
}

/** Parses a positive integer id from a CLI argument, with an error that names the argument. */
export function parseId(raw: string, what = 'ID'): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`${what} must be a positive whole number, got '${raw}'`);
  return id;
}

export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * A long-running command stopped with work unfinished (jobs past their grace period, connections that did not close):
 * the process must exit at once with this code (EX_TEMPFAIL: a supervisor may restart it).
 */
export const EXIT_JOBS_UNFINISHED = 75;

/** The command already told the user what went wrong on stderr; exit with this code and say nothing more. */
export class SilentFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
