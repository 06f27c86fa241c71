import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import { parseYamlLocated } from '../text/index.js';
import type { z } from 'zod';
import { compileQuery, pathText, QuerySyntaxError } from '../catalogue/index.js';
import { ThreatRulesError } from './errors.js';
import { expandLexicons, LexiconReferenceError } from './expand.js';
import { allowedThreatKeysAt, THREAT_RULE_LANGS, threatRulesFileSchema, type ThreatRules, type ThreatRulesFile } from './schema.js';

/** `file:line:col` of a key path; with `key`, of that (unknown) key inside the map at the path. */
type Locate = (path: readonly PropertyKey[], key?: string) => string;

/** Parses and validates one rules file (`sv.yaml`); a bad file is rejected whole with `file:line:col` problems. */
export function parseThreatRulesYaml(text: string, fileName: string): ThreatRulesFile {
  const parsed = parseYamlLocated(text, fileName);
  if ('problems' in parsed) throw new ThreatRulesError(parsed.problems);
  return checkFile(parsed.value, fileName, yamlLocate(parsed.doc, parsed.lineCounter, fileName));
}

/** Validates a rules file given as an object (from the database); problems name the key path. */
export function validateThreatRulesFile(obj: unknown, fileName: string): ThreatRulesFile {
  return checkFile(obj, fileName, (path) => `${fileName}: ${pathText(path) || '(top level)'}`);
}

/** Validates a whole rule set (as stored); any bad file rejects it. */
export function validateThreatRules(obj: unknown, origin: string): ThreatRules {
  const files = (obj as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw new ThreatRulesError([`${origin}: expected { files: [...] }`]);
  return collect(files.map((file, i) => () => validateThreatRulesFile(file, `${origin}#${i}`)));
}

/** Loads every `*.yaml` of a folder (`config/threats`); any bad file rejects the whole set (never half-loaded). */
export async function loadThreatRulesDir(dir: string): Promise<ThreatRules> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
  if (names.length === 0) throw new ThreatRulesError([`${dir}: no threat rule files (*.yaml) found`]);
  const texts = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
  return collect(texts.map(({ name, text }) => () => parseThreatRulesYaml(text, name)));
}

/**
 * A short content hash of the rules (16 hex digits of SHA-256 over the validated files in language order): the same
 * rules give the same id on every machine, so a stored assessment names the rules that produced it.
 */
export function threatRulesFingerprint(rules: ThreatRules): string {
  return createHash('sha256').update(JSON.stringify(sortFiles(rules.files))).digest('hex').slice(0, 16);
}

function collect(loaders: ReadonlyArray<() => ThreatRulesFile>): ThreatRules {
  const files: ThreatRulesFile[] = [];
  const problems: string[] = [];
  for (const load of loaders) {
    try {
      files.push(load());
    } catch (err) {
      if (!(err instanceof ThreatRulesError)) throw err;
      problems.push(...err.problems);
    }
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.lang)) problems.push(`lang '${file.lang}' is defined by more than one file`);
    seen.add(file.lang);
  }
  if (problems.length > 0) throw new ThreatRulesError(problems);
  return { files: sortFiles(files) };
}

function sortFiles(files: readonly ThreatRulesFile[]): ThreatRulesFile[] {
  return [...files].sort((a, b) => THREAT_RULE_LANGS.indexOf(a.lang) - THREAT_RULE_LANGS.indexOf(b.lang));
}

function checkFile(obj: unknown, fileName: string, locate: Locate): ThreatRulesFile {
  const parsed = threatRulesFileSchema.safeParse(obj);
  if (!parsed.success) throw new ThreatRulesError(parsed.error.issues.flatMap((issue) => describeIssue(issue, locate)));
  const file = parsed.data;
  const problems = [...queryProblems(file, locate), ...duplicateIds(file, locate)];
  const expected = basename(fileName).replace(/\.ya?ml$/u, '');
  if (/\.ya?ml$/u.test(fileName) && file.lang !== expected) {
    problems.push(`${locate(['lang'])} lang '${file.lang}' does not match the file name; expected '${expected}'`);
  }
  if (problems.length > 0) throw new ThreatRulesError(problems);
  return file;
}

function describeIssue(issue: z.core.$ZodIssue, locate: Locate): string[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${locate(path, key)} unknown field '${key}'; allowed: ${allowedThreatKeysAt(path).join(', ')}`);
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return [`${locate(path)} missing field '${pathText(path)}' (${issue.expected})`];
  }
  return [`${locate(path)} ${pathText(path)}: ${issue.message}`];
}

/** Every query must compile after its lexicons are expanded; so must every lexicon entry on its own. */
function queryProblems(file: ThreatRulesFile, locate: Locate): string[] {
  const problems: string[] = [];
  const check = (path: readonly PropertyKey[], query: string, what: string): void => {
    try {
      compileQuery(expandLexicons(query, file.lexicons), { lang: file.lang });
    } catch (err) {
      if (err instanceof QuerySyntaxError || err instanceof LexiconReferenceError) {
        const after = err instanceof QuerySyntaxError && query.includes('{') ? ' (after expanding lexicons)' : '';
        problems.push(`${locate(path)} ${pathText(path)}${what}: ${err.message}${after}`);
      } else {
        throw err;
      }
    }
  };
  for (const [name, entries] of Object.entries(file.lexicons)) entries.forEach((entry, i) => check(['lexicons', name, i], entry, ''));
  file.rules.forEach((rule, i) => check(['rules', i, 'query'], rule.query, ` (rule '${rule.id}')`));
  file.negatives.forEach((rule, i) => check(['negatives', i, 'query'], rule.query, ` (negative '${rule.id}')`));
  return problems;
}

function duplicateIds(file: ThreatRulesFile, locate: Locate): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const all = [...file.rules.map((r, i) => ({ id: r.id, path: ['rules', i, 'id'] })), ...file.negatives.map((r, i) => ({ id: r.id, path: ['negatives', i, 'id'] }))];
  for (const { id, path } of all) {
    if (seen.has(id)) problems.push(`${locate(path)} duplicate id '${id}'; rule and negative ids must be unique per file`);
    seen.add(id);
  }
  return problems;
}

/** `file:line:col` of the deepest node of the path that exists. */
function yamlLocate(doc: Document, lineCounter: LineCounter, fileName: string): Locate {
  return (path, key) => {
    let at = doc.contents?.range?.[0] ?? 0;
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        at = node.range[0];
        break;
      }
    }
    if (key !== undefined) {
      const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
      const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
      at = (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? at;
    }
    const { line, col } = lineCounter.linePos(at);
    return `${fileName}:${line}:${col}`;
  };
}
