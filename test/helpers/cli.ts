import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process with captured streams; `stop` resolves the stop signal (as SIGTERM would). */
export function startCli(argv: string[], env: Record<string, string | undefined>, stdin = '') {
  let stop!: (signal: string) => void;
  const stopSignal = new Promise<string>((resolve) => (stop = resolve));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const done = runCli(argv, { stdin: Readable.from([stdin]), stdout, stderr, env, stopSignal }).then(
    (code): CliRun => ({ code, stdout: out, stderr: err }),
  );
  /** Resolves once stdout or stderr has printed a match (an event, not a timer); rejects if the command ends first. */
  const until = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out) && !pattern.test(err)) return;
        stdout.off('data', check);
        stderr.off('data', check);
        resolve();
      };
      stdout.on('data', check);
      stderr.on('data', check);
      check();
      void done.then((run) => reject(new Error(`command ended (${run.code}) before printing ${pattern}: ${run.stderr}`)));
    });
  return { done, stop: () => stop('SIGTERM'), output: () => ({ stdout: out, stderr: err }), until };
}

export function cli(argv: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliRun> {
  return startCli(argv, env, stdin).done;
}
