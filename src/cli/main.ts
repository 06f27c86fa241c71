#!/usr/bin/env node
import { once } from 'node:events';
import { EXIT_JOBS_UNFINISHED } from './io.js';
import { runCli } from './program.js';

const stopSignal = Promise.race([once(process, 'SIGINT').then(() => 'SIGINT'), once(process, 'SIGTERM').then(() => 'SIGTERM')]);

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stopSignal,
});
process.exitCode = code;
// Jobs still run in this process: leave now, before they touch connections that are being given up.
if (code === EXIT_JOBS_UNFINISHED) process.exit(code);
// Every command (start and worker too) returns only after its own clean shutdown; a handle still holding the
// event loop after that is a bug, not a reason to hang the terminal.
setTimeout(() => process.exit(code), 2_000).unref();
