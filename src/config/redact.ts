import { matchesSecretPath, type SecretPath, type SecretRedaction } from './secret.js';

type Tree = Record<string, unknown>;

/** A copy of `value` safe to print: every secret replaced as its mark says (URLs keep scheme and host). */
export function redactSecrets(value: unknown, secrets: readonly SecretPath[]): Tree {
  const copy = JSON.parse(JSON.stringify(value ?? {})) as Tree;
  redactNode(copy, [], secrets);
  return copy;
}

function redactNode(node: unknown, path: string[], secrets: readonly SecretPath[]): void {
  if (typeof node !== 'object' || node === null) return;
  const entries: Array<[string, unknown]> = Array.isArray(node) ? node.map((item, i) => [String(i), item]) : Object.entries(node);
  for (const [key, child] of entries) {
    const childPath = [...path, key];
    const mark = secrets.find((entry) => matchesSecretPath(entry.path, childPath));
    if (mark && typeof child === 'string') (node as Tree)[key] = redactValue(child, mark.redaction);
    else redactNode(child, childPath, secrets);
  }
}

function redactValue(value: string, redaction: SecretRedaction): string {
  if (redaction === 'url-password') return withoutPassword(value);
  if (redaction === 'url-origin') return `${originOf(value)}/[redacted]`;
  return '[redacted]';
}

/** The URL with its password replaced, so the host stays visible (postgres://vaksam:redacted@db/vaksam). */
export function withoutPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = 'redacted';
    return url.toString();
  } catch {
    return '[redacted]';
  }
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return '[redacted]';
  }
}

/**
 * Field names too common to censor everywhere in logs (fetch logs carry a redacted `url`): for these only the
 * full config path is censored.
 */
const COMMON_FIELD_NAMES = new Set(['url']);

/** pino `redact` paths for the secrets: the config path, and the field name at any depth when it is distinctive. */
export function secretLogPaths(secrets: readonly SecretPath[]): string[] {
  const paths = new Set<string>();
  for (const { path } of secrets) {
    paths.add(path.join('.'));
    const field = path[path.length - 1];
    if (field === undefined || field === '*' || COMMON_FIELD_NAMES.has(field)) continue;
    paths.add(field);
    paths.add(`*.${field}`);
  }
  return [...paths];
}
