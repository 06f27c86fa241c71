import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { CatalogueError } from './errors.js';
import { compileQuery, QuerySyntaxError } from './query/index.js';
import { allowedKeysAt, narrativeSchema, RULE_LANGS, type Catalogue, type Narrative } from './schema.js';
import { parseYamlLocated, yamlLocator, type Locate } from '../text/index.js';

/** Parses and validates one narrative YAML file; a bad file is rejected whole with `file:line:col` problems. */
export function parseNarrativeYaml(text: string, fileName: string): Narrative {
  const parsed = parseYamlLocated(text, fileName);
  if ('problems' in parsed) throw new CatalogueError(parsed.problems);
  return checkNarrative(parsed.value, fileName, yamlLocator(parsed.doc, parsed.lineCounter, text, fileName));
}

/** Validates a narrative given as an object (from the database or an API); problems name the key path. */
export function validateNarrative(obj: unknown, fileName: string): Narrative {
  return checkNarrative(obj, fileName, () => fileName);
}

/** Loads every `*.yaml`/`*.yml` file of a directory; any bad file rejects the whole catalogue (never half-loaded). */
export async function loadCatalogueDir(dir: string): Promise<Catalogue> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
  if (names.length === 0) throw new CatalogueError([`${dir}: no narrative files (*.yaml) found`]);
  const narratives: Narrative[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      narratives.push(parseNarrativeYaml(await readFile(join(dir, name), 'utf8'), name));
    } catch (err) {
      if (!(err instanceof CatalogueError)) throw err;
      problems.push(...err.problems);
    }
  }
  problems.push(...duplicateSlugs(narratives));
  if (problems.length > 0) throw new CatalogueError(problems);
  return { narratives: narratives.sort((a, b) => a.slug.localeCompare(b.slug)) };
}

function checkNarrative(obj: unknown, fileName: string, locate: Locate): Narrative {
  const parsed = narrativeSchema.safeParse(obj);
  if (!parsed.success) throw new CatalogueError(parsed.error.issues.flatMap((issue) => describeIssue(issue, locate)));
  const problems = [...queryProblems(parsed.data, locate), ...ruleIdProblems(parsed.data, locate)];
  const expected = basename(fileName).replace(/\.ya?ml$/u, '');
  if (/\.ya?ml$/u.test(fileName) && parsed.data.slug !== expected) {
    problems.push(`${locate(['slug'])} slug '${parsed.data.slug}' does not match the file name; expected '${expected}'`);
  }
  if (problems.length > 0) throw new CatalogueError(problems);
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue, locate: Locate): string[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const where = path.length === 0 ? '' : ` in ${pathText(path)}`;
    return issue.keys.map((key) => `${locate(path, key)} unknown field '${key}'${where}; allowed: ${allowedKeysAt(path).join(', ')}`);
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return [`${locate(path)} missing field '${pathText(path)}' (${issue.expected})`];
  }
  return [`${locate(path)} ${pathText(path)}: ${issue.message}`];
}

function queryProblems(narrative: Narrative, locate: Locate): string[] {
  const problems: string[] = [];
  for (const lang of RULE_LANGS) {
    const set = narrative.rules[lang];
    if (set === undefined) continue;
    for (const kind of ['positive', 'negative'] as const) {
      set[kind].forEach((rule, index) => {
        try {
          compileQuery(rule.query, { lang });
        } catch (err) {
          if (!(err instanceof QuerySyntaxError)) throw err;
          const path = ['rules', lang, kind, index, 'query'];
          problems.push(`${locate(path, undefined, err.position)} ${pathText(path)} (rule '${rule.id}'): ${err.message}`);
        }
      });
    }
  }
  return problems;
}

function ruleIdProblems(narrative: Narrative, locate: Locate): string[] {
  const problems: string[] = [];
  for (const lang of RULE_LANGS) {
    const seen = new Set<string>();
    for (const kind of ['positive', 'negative'] as const) {
      narrative.rules[lang]?.[kind].forEach((rule, index) => {
        if (seen.has(rule.id)) {
          problems.push(`${locate(['rules', lang, kind, index, 'id'])} duplicate rule id '${rule.id}' in rules.${lang}; ids must be unique per language`);
        }
        seen.add(rule.id);
      });
    }
  }
  return problems;
}

function duplicateSlugs(narratives: readonly Narrative[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const n of narratives) {
    if (seen.has(n.slug)) problems.push(`${n.slug}.yaml: slug '${n.slug}' is used by more than one file`);
    seen.add(n.slug);
  }
  return problems;
}

/** `rules.sv.positive[2].query` */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out.length > 0 ? '.' : ''}${String(key)}`;
  return out;
}
