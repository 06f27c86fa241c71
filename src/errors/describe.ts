import { VaksamError } from './vaksam-error.js';

/**
 * What may be said about an error in a log line, a job's failure reason, a run's stored error or a page: a code, the
 * SQL state, table, column and constraint of a database error, and a plain message. Never statement parameters (post
 * texts, author names) nor row values: Drizzle's "Failed query: … params: …" and PostgreSQL's "Failing row contains
 * (…)" / "Key (…)=(…)" details are dropped.
 */
export interface ErrorSummary {
  code: string;
  message: string;
  sqlState?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

const MAX_MESSAGE_CHARS = 500;
const MAX_SERVER_MESSAGE_CHARS = 200;

export function summariseError(error: unknown): ErrorSummary {
  const database = findDatabaseError(error);
  if (database) return database;
  if (error instanceof VaksamError) return { code: error.code, message: plainErrorText(error.message) };
  const code = errorCode(error) ?? 'INTERNAL';
  if (isDrizzleWrapper(error)) {
    const cause = (error as Error).cause;
    return { code: errorCode(cause) ?? 'DB_QUERY_FAILED', message: cause instanceof Error ? plainErrorText(cause.message) : 'database statement failed' };
  }
  return { code, message: plainErrorText(error instanceof Error ? error.message : String(error)) };
}

/**
 * Any error text made safe to show: a Drizzle statement dump is cut before the statement, NUL and other control
 * characters (but newlines) are dropped, and the length is capped.
 */
export function plainErrorText(text: string): string {
  const dump = text.search(/Failed query:|\nparams:/u);
  const kept = dump >= 0 ? `${text.slice(0, dump)}database statement failed`.trim() : text;
  const clean = kept.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/gu, '');
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS)}…` : clean;
}

/** An error for logs (pino's `err`): the summary plus the stack frames, without the original message lines. */
export function serializeErrorForLog(value: unknown): unknown {
  if (typeof value === 'string') return plainErrorText(value);
  if (!(value instanceof Error)) return value;
  const summary = summariseError(value);
  const frames = (value.stack ?? '').split('\n').filter((line) => /^\s+at /u.test(line));
  return { type: value.name, ...summary, stack: [`${value.name}: ${summary.message}`, ...frames].join('\n') };
}

function findDatabaseError(error: unknown): ErrorSummary | null {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const candidate = current as Record<string, unknown>;
    const sqlState = candidate.code;
    if (typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/u.test(sqlState) || !('severity' in candidate || 'routine' in candidate)) continue;
    const table = stringField(candidate, 'table_name', 'table');
    const column = stringField(candidate, 'column_name', 'column');
    const constraint = stringField(candidate, 'constraint_name', 'constraint');
    const where = [table && `table ${table}`, column && `column ${column}`, constraint && `constraint ${constraint}`].filter(Boolean).join(', ');
    const message = `database refused the statement (SQLSTATE ${sqlState}${where ? `, ${where}` : ''}): ${serverMessage(candidate.message)}`;
    return { code: 'DB_QUERY_FAILED', message, sqlState, ...(table && { table }), ...(column && { column }), ...(constraint && { constraint }) };
  }
  return null;
}

/**
 * PostgreSQL's message up to its first ": " — what follows quotes the offending input (`invalid input syntax for type
 * json: "…"`, `invalid byte sequence for encoding "UTF8": 0x00`).
 */
function serverMessage(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : '';
  const cut = text.indexOf(': ');
  const kept = cut >= 0 ? text.slice(0, cut) : text;
  return plainErrorText(kept.slice(0, MAX_SERVER_MESSAGE_CHARS));
}

function stringField(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) if (typeof record[name] === 'string' && record[name] !== '') return record[name] as string;
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/u.test(code) ? code : undefined;
}

function isDrizzleWrapper(error: unknown): boolean {
  return error instanceof Error && (error.name === 'DrizzleQueryError' || error.message.startsWith('Failed query:'));
}
