import { Command, CommanderError } from 'commander';
import { serializeErrorForLog, VaksamError } from '../errors/index.js';
import { registerBacktest } from './commands/backtest.js';
import { registerCatalogue } from './commands/catalogue.js';
import { registerClaims } from './commands/claims.js';
import { registerClassify } from './commands/classify.js';
import { registerCollect } from './commands/collect.js';
import { registerDb } from './commands/db.js';
import { registerImport } from './commands/import.js';
import { registerParse } from './commands/parse.js';
import { registerPrivacy } from './commands/privacy.js';
import { registerQuery } from './commands/query.js';
import { registerSources } from './commands/sources.js';
import { registerStart } from './commands/start.js';
import { registerThreats } from './commands/threats.js';
import { registerAlerts } from './commands/alerts.js';
import { registerDigest } from './commands/digest.js';
import { registerMail } from './commands/mail.js';
import { registerRecipients } from './commands/recipients.js';
import { registerServe } from './commands/serve.js';
import { registerTipline } from './commands/tipline.js';
import { registerUsers } from './commands/users.js';
import { type CliIo, SilentFailure, UsageError } from './io.js';

export const VERSION = '0.1.0';

export function buildProgram(io: CliIo): Command {
  const program = new Command('vaksam')
    .description(
      'Vaksam watches public social media and news for disinformation about Swedish social services ' +
        'and threats against their staff, and alerts the people who must act.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  program.addHelpText(
    'after',
    '\nConfiguration: config/default.yaml, a file named in VAKSAM_CONFIG, then DATABASE_URL, REDIS_URL, SMTP_URL,\n' +
      'LOG_LEVEL and VAKSAM_<SECTION>__<KEY> environment variables. Without DATABASE_URL an embedded PGlite\n' +
      'database is used in ./data.',
  );
  registerStart(program, io);
  registerServe(program, io);
  registerUsers(program, io);
  registerDb(program, io);
  registerSources(program, io);
  registerCollect(program, io);
  registerParse(program, io);
  registerImport(program, io);
  registerRecipients(program, io);
  registerAlerts(program, io);
  registerMail(program, io);
  registerDigest(program, io);
  registerTipline(program, io);
  registerCatalogue(program, io);
  registerClaims(program, io);
  registerClassify(program, io);
  registerQuery(program, io);
  registerBacktest(program, io);
  registerThreats(program, io);
  registerPrivacy(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  program.hook('preAction', (_program, action) => {
    io.command = commandPath(action);
  });
  return program;
}

/** `sources list`: the names from the program down to the command that runs. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Runs the CLI and returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? 0
      : error.exitCode || 2;
  }
  if (error instanceof SilentFailure) return error.exitCode;
  if (error instanceof UsageError) {
    io.stderr.write(`vaksam: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof VaksamError) {
    io.stderr.write(`vaksam: ${error.message} [${error.code}]\n`);
    return 1;
  }
  // The stack frames help a bug report; the message is summarised (a database error never prints its parameters).
  const described = serializeErrorForLog(error);
  io.stderr.write(`vaksam: unexpected error: ${typeof described === 'object' && described !== null ? (described as { stack: string }).stack : String(described)}\n`);
  return 1;
}
