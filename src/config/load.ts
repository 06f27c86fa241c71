import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { parseYamlLocated, yamlLocator, type Locate } from '../text/index.js';
import { redactSecrets } from './redact.js';
import { configSchema, SECRET_KEYS, SECRET_PATHS, type Config } from './schema.js';
import { matchesSecretPath, type SecretPath } from './secret.js';

type Env = Record<string, string | undefined>;
type Tree = Record<string, unknown>;

/** Environment variables with a fixed meaning; those that set a secret also accept `<NAME>_FILE` (Docker secrets). */
const NAMED_ENV: Record<string, string[]> = {
  DATABASE_URL: ['database', 'url'],
  REDIS_URL: ['redis', 'url'],
  SMTP_URL: ['mail', 'smtpUrl'],
  LOG_LEVEL: ['log', 'level'],
  VAKSAM_DATA_DIR: ['database', 'dataDir'],
  VAKSAM_ENV: ['env'],
  VAKSAM_WATCHLIST_KEY: ['threats', 'watchlistKey'],
  VAKSAM_IMAP_PASSWORD: ['tipline', 'mailbox', 'password'],
  VAKSAM_ADMIN_EMAIL: ['alerts', 'adminEmail'],
};

/** The folder holding package.json, found from this file whether it runs from src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'config'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigError('cannot find the Vaksam package root (package.json beside config/)');
    dir = parent;
  }
}

export interface LoadConfigOptions {
  env?: Env;
  /** Overrides applied last (tests, CLI flags). */
  overrides?: Tree;
}

/**
 * Reads config/default.yaml, then the file named by VAKSAM_CONFIG, then environment variables
 * (DATABASE_URL, REDIS_URL, SMTP_URL, LOG_LEVEL and VAKSAM_<SECTION>__<KEY>), validates once and freezes.
 */
export function loadConfig(options: LoadConfigOptions = {}): Readonly<Config> {
  const env = options.env ?? process.env;
  const layers: Layer[] = [readYamlFile(join(packageRoot(), 'config', 'default.yaml'))];
  const file = env.VAKSAM_CONFIG;
  if (file) layers.push(readYamlFile(resolve(file)));
  layers.push({ name: 'environment', tree: readEnvironment(env, SECRET_PATHS), locate: (path, key) => `environment ${envNameOf(key === undefined ? path : [...path, key])}` });
  if (options.overrides) layers.push({ name: 'overrides', tree: options.overrides, locate: () => 'overrides' });

  const merged = layers.reduce<Tree>((acc, layer) => deepMerge(acc, layer.tree), {});
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(formatIssues(result.error.issues, layers), { cause: result.error });
  }
  return deepFreeze(result.data);
}

/** One source of settings and how to point at a key in it (`file:line:col`, or the environment variable). */
interface Layer {
  name: string;
  tree: Tree;
  locate: Locate;
}

function readYamlFile(path: string): Layer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${path}: ${(cause as Error).message}`, { cause });
  }
  const parsed = parseYamlLocated(text, path);
  if ('problems' in parsed) throw new ConfigError(`invalid config file:\n  ${parsed.problems.join('\n  ')}`);
  const value = parsed.value ?? {};
  if (!isPlainObject(value)) throw new ConfigError(`${path}:1:1 a config file must hold a mapping (key: value) at the top level`);
  return { name: path, tree: value, locate: yamlLocator(parsed.doc, parsed.lineCounter, text, path) };
}

/** `VAKSAM_FETCH__MAX_BODY_BYTES` for fetch.maxBodyBytes, or the named variable (DATABASE_URL) that sets it. */
function envNameOf(path: readonly PropertyKey[]): string {
  const dotted = path.join('.');
  const named = Object.entries(NAMED_ENV).find(([, p]) => p.join('.') === dotted);
  if (named) return named[0];
  return `VAKSAM_${path.map((key) => String(key).replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('__')}`;
}

/**
 * The settings the environment holds. A secret (marked with `secret()` in the schema) is taken as written, never
 * typed, and may come from a file: `<NAME>_FILE` beside any variable that sets one (DATABASE_URL_FILE,
 * VAKSAM_CHANNELS__SECURITY__URL_FILE). The variable itself wins when both are set.
 */
export function readEnvironment(env: Env, secrets: readonly SecretPath[]): Tree {
  const isSecret = (path: readonly string[]) => secrets.some((entry) => matchesSecretPath(entry.path, path));
  const tree: Tree = {};
  for (const [name, path] of Object.entries(NAMED_ENV)) {
    const value = isSecret(path) ? readSecretVariable(env, name) : nonEmpty(env[name]);
    if (value !== undefined) setPath(tree, path, value);
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('VAKSAM_') || !name.includes('__') || raw === undefined) continue;
    const path = pathOfVariable(name);
    const secretKey = name.endsWith('_FILE') ? name.slice(0, -'_FILE'.length) : undefined;
    if (secretKey !== undefined && isSecret(pathOfVariable(secretKey))) {
      if (env[secretKey] === undefined) setPath(tree, pathOfVariable(secretKey), readSecretVariable(env, secretKey));
      continue;
    }
    // A secret stays a string (a numeric token must not become a number); `null` still unsets it.
    setPath(tree, path, isSecret(path) ? (raw.trim() === 'null' ? null : raw) : parseEnvScalar(raw));
  }
  return tree;
}

/** VAKSAM_CHANNELS__SECURITY__URL → ['channels', 'security', 'url']. */
function pathOfVariable(name: string): string[] {
  return name.slice('VAKSAM_'.length).split('__').map(snakeToCamel);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readSecretVariable(env: Env, name: string): string | undefined {
  const direct = nonEmpty(env[name]);
  if (direct !== undefined) return direct;
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (cause) {
    throw new ConfigError(`${name}_FILE=${file} cannot be read: ${(cause as Error).message}`, { cause });
  }
}

/** Numbers, booleans, null and JSON arrays/objects are typed; anything else stays a string. */
function parseEnvScalar(raw: string): unknown {
  const trimmed = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed === 'null') return null;
  if (/^[[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return raw;
    }
  }
  return raw;
}

function snakeToCamel(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  path.forEach((key, i) => {
    if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(`config key '${path.join('.')}' is not allowed`);
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Tree;
  });
}

function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each problem points at the layer that set the key last: `file:line:col key.path: message`. */
function formatIssues(issues: z.core.$ZodIssue[], layers: Layer[]): string {
  const lines = issues.map((issue) => {
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = key === undefined ? issue.path : [...issue.path, key];
    const layer = [...layers].reverse().find((l) => hasPath(l.tree, path)) ?? layers[0]!;
    const hint = layer.name === 'environment' && key?.endsWith('File') ? `; only secrets are read from <NAME>_FILE (${[...SECRET_KEYS].join(', ')})` : '';
    return `  ${layer.locate(issue.path, key)} ${issue.path.join('.') || '(root)'}: ${issue.message}${hint}`;
  });
  return `invalid configuration (read from ${layers.map((l) => l.name).join(', ')}):\n${lines.join('\n')}`;
}

function hasPath(tree: Tree, path: readonly PropertyKey[]): boolean {
  let node: unknown = tree;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number' && key < node.length) node = node[key];
    else if (isPlainObject(node) && Object.hasOwn(node, key as string)) node = node[key as string];
    else return false;
  }
  return true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A copy safe to print: secrets replaced by '[redacted]' (URLs keep scheme and host, webhook URLs their origin). */
export function redactConfig(config: Config): Tree {
  return redactSecrets(config, SECRET_PATHS);
}
