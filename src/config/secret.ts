import { z } from 'zod';

/**
 * How a secret is shown in a configuration dump:
 * - `whole`: '[redacted]';
 * - `url-password`: the URL without its password (postgres://vaksam:redacted@db/vaksam), so the host stays visible;
 * - `url-origin`: only the origin (a Teams or Slack webhook URL is itself the credential: its path holds the key).
 */
export type SecretRedaction = 'whole' | 'url-password' | 'url-origin';

interface SecretMeta {
  redaction: SecretRedaction;
}

/** Where secrets are registered: `secret()` adds to it, `secretPaths()` reads it. */
const secrets = z.registry<SecretMeta, z.ZodType>();

/**
 * Marks a config value as secret. That is the only edit a new secret needs: it is then redacted by `redactConfig`,
 * censored in logs, and may be read from `<ENV>_FILE` (Docker secrets). Apply it to the innermost value, before
 * `.nullable()`, `.default()` and `.describe()`.
 */
export function secret<T extends z.ZodType>(schema: T, redaction: SecretRedaction = 'whole'): T {
  secrets.add(schema, { redaction });
  return schema;
}

/** A dotted config path; `*` stands for any key of a record (a channel name). */
export interface SecretPath {
  path: readonly string[];
  redaction: SecretRedaction;
}

/** Every secret under `schema`, found by walking objects, records, unions, arrays and wrappers. */
export function secretPaths(schema: z.ZodType): SecretPath[] {
  const found = new Map<string, SecretPath>();
  walk(schema, [], found, new Set());
  return [...found.values()];
}

function walk(schema: z.ZodType, path: string[], found: Map<string, SecretPath>, seen: Set<z.ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const meta = secrets.get(schema);
  if (meta) {
    found.set(path.join('.'), { path, redaction: meta.redaction });
    return;
  }
  for (const [key, child] of children(schema)) walk(child, key === null ? path : [...path, key], found, seen);
}

/** The schemas a value is made of, with the key that leads to each (null: same place, e.g. a default's inner type). */
function children(schema: z.ZodType): Array<[string | null, z.ZodType]> {
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodType>);
  if (schema instanceof z.ZodRecord) return [['*', schema.valueType as z.ZodType]];
  if (schema instanceof z.ZodArray) return [['*', schema.element as z.ZodType]];
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).map((option) => [null, option]);
  if (schema instanceof z.ZodPipe) return [[null, schema.in as z.ZodType], [null, schema.out as z.ZodType]];
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodNullable || schema instanceof z.ZodOptional || schema instanceof z.ZodPrefault || schema instanceof z.ZodReadonly || schema instanceof z.ZodCatch) {
    return [[null, schema.unwrap() as z.ZodType]];
  }
  return [];
}

/** True when a concrete path (channels.security.url) is the secret path (channels.*.url). */
export function matchesSecretPath(secretPath: readonly string[], path: readonly string[]): boolean {
  return secretPath.length === path.length && secretPath.every((key, i) => key === '*' || key === path[i]);
}
