import { pino, destination, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { SECRET_PATHS, secretLogPaths } from '../config/index.js';
import { serializeErrorForLog } from '../errors/index.js';

export type { Logger } from 'pino';

/**
 * Paths that may carry secrets or personal data. Post text, author names and email bodies are never logged
 * above debug; these paths are censored at every level so a careless field cannot leak them. Every secret marked
 * in the config schema is added (by its config path, and by its field name when that is distinctive).
 */
export const REDACT_PATHS = [...new Set([
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'smtpUrl',
  '*.smtpUrl',
  'databaseUrl',
  '*.databaseUrl',
  'text',
  '*.text',
  'body',
  '*.body',
  'authorHandle',
  '*.authorHandle',
  'email',
  '*.email',
  ...secretLogPaths(SECRET_PATHS),
])];

export interface LogOptions {
  level: string;
  /** Write to this destination instead of stderr (tests pass a stream to read). */
  destination?: NodeJS.WritableStream;
}

/** Logs go to stderr so that CLI commands can print JSON on stdout. */
export function createLogger(options: LogOptions): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level,
    base: { app: 'vaksam' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // `err` carries codes, SQL state, table and stack frames: never a statement's parameters (post texts).
    serializers: { err: serializeErrorForLog },
  };
  return pino(pinoOptions, (options.destination ?? destination(2)) as DestinationStream);
}

/** A logger that drops everything, for pure code paths that take an optional logger. */
export const silentLogger: Logger = pino({ level: 'silent' });
