import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CatalogueError,
  catalogueFingerprint,
  catalogueToYamlFiles,
  loadCatalogueDir,
  parseNarrativeYaml,
  validateNarrative,
} from '../../src/catalogue/index.js';

const SEED_DIR = 'config/narratives';
const SEED_SLUGS = ['benefits-migrants', 'child-kidnapping', 'forced-conversion', 'foster-abuse', 'no-due-process', 'profit-motive', 'targeting-muslims'];

const MINIMAL = `slug: demo
title:
  sv: Demo
  en: Demo
description: A narrative for tests.
severity: low
counterFacts:
  sv: Fakta.
  en: Facts.
  ar: حقائق.
rules:
  sv:
    positive:
      - id: words
        query: 'kidnapp* OR barnrov'
exemplars:
  sv:
    - Ett exempel.
`;

function problemsOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (err) {
    if (err instanceof CatalogueError) return err.problems;
    throw err;
  }
  throw new Error('expected a CatalogueError');
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vaksam-catalogue-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('the seed catalogue', () => {
  it('loads one valid file per seed slug, each with rules and exemplars in sv, ar and en', async () => {
    const catalogue = await loadCatalogueDir(SEED_DIR);
    expect(catalogue.narratives.map((n) => n.slug)).toEqual(SEED_SLUGS);
    for (const n of catalogue.narratives) {
      for (const lang of ['sv', 'ar', 'en'] as const) {
        expect(n.rules[lang]?.positive.length, `${n.slug} ${lang} rules`).toBeGreaterThan(0);
        expect(n.exemplars[lang].length, `${n.slug} ${lang} exemplars`).toBeGreaterThan(0);
        expect(n.counterFacts[lang].length).toBeGreaterThan(40);
      }
    }
  });

  it('round-trips through export and import unchanged, with the same fingerprint', async () => {
    const catalogue = await loadCatalogueDir(SEED_DIR);
    const files = catalogueToYamlFiles(catalogue);
    expect(files.map((f) => f.fileName)).toEqual(SEED_SLUGS.map((s) => `${s}.yaml`));
    const reloaded = await loadCatalogueDir(await tempDir(Object.fromEntries(files.map((f) => [f.fileName, f.text]))));
    expect(reloaded).toEqual(catalogue);
    expect(catalogueFingerprint(reloaded)).toBe(catalogueFingerprint(catalogue));
  });
});

describe('catalogueFingerprint', () => {
  it('is stable for the same content and changes when a rule changes', () => {
    const narrative = parseNarrativeYaml(MINIMAL, 'demo.yaml');
    const a = catalogueFingerprint({ narratives: [narrative] });
    expect(catalogueFingerprint({ narratives: [structuredClone(narrative)] })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/u);
    const changed = parseNarrativeYaml(MINIMAL.replace('barnrov', 'barnrov*'), 'demo.yaml');
    expect(catalogueFingerprint({ narratives: [changed] })).not.toBe(a);
  });
});

describe('parseNarrativeYaml', () => {
  it('fills defaults for enabled, threshold and empty rule lists', () => {
    const narrative = parseNarrativeYaml(MINIMAL, 'demo.yaml');
    expect([narrative.enabled, narrative.threshold, narrative.rules.sv?.negative, narrative.exemplars.ar]).toEqual([true, 0.5, [], []]);
  });

  it('names an unknown key with its line, column and the allowed keys', () => {
    const text = MINIMAL.replace("        query: 'kidnapp* OR barnrov'", "        query: 'kidnapp* OR barnrov'\n        near: 3");
    expect(problemsOf(() => parseNarrativeYaml(text, 'demo.yaml'))).toEqual([
      "demo.yaml:16:9 unknown field 'near' in rules.sv.positive[0]; allowed: id, query, weight",
    ]);
  });

  it('points a query syntax error at its character in the file', () => {
    const text = MINIMAL.replace("'kidnapp* OR barnrov'", "'(kidnapp* OR barnrov'");
    expect(problemsOf(() => parseNarrativeYaml(text, 'demo.yaml'))).toEqual([
      "demo.yaml:15:37 rules.sv.positive[0].query (rule 'words'): expected ')' at 20 to close the '(' at 0",
    ]);
  });

  it('reports missing fields, bad values and a slug that does not match the file name', () => {
    const text = MINIMAL.replace('severity: low\n', 'severity: extreme\n').replace('description: A narrative for tests.\n', '');
    const problems = problemsOf(() => parseNarrativeYaml(text, 'demo.yaml'));
    expect(problems.some((p) => /^demo\.yaml:\d+:\d+ severity: Invalid option/u.test(p))).toBe(true);
    expect(problems.some((p) => p.includes("missing field 'description'"))).toBe(true);
    expect(problemsOf(() => parseNarrativeYaml(MINIMAL, 'other.yaml'))).toEqual([
      "other.yaml:1:7 slug 'demo' does not match the file name; expected 'other'",
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problemsOf(() => parseNarrativeYaml('slug: [demo\n', 'demo.yaml'))[0]).toMatch(/^demo\.yaml:\d+:\d+ /u);
  });

  it('rejects duplicate rule ids within a language', () => {
    const text = MINIMAL.replace("        query: 'kidnapp* OR barnrov'", "        query: 'kidnapp*'\n      - id: words\n        query: 'barnrov'");
    expect(problemsOf(() => parseNarrativeYaml(text, 'demo.yaml'))).toEqual([
      "demo.yaml:16:13 duplicate rule id 'words' in rules.sv; ids must be unique per language",
    ]);
  });
});

describe('validateNarrative', () => {
  it('validates an object from elsewhere and names the key path of a problem', () => {
    const narrative = parseNarrativeYaml(MINIMAL, 'demo.yaml');
    expect(validateNarrative(structuredClone(narrative), 'db:demo')).toEqual(narrative);
    expect(problemsOf(() => validateNarrative({ ...narrative, threshold: 2 }, 'db:demo'))).toEqual([
      'db:demo threshold: Too big: expected number to be <=1',
    ]);
  });
});

describe('loadCatalogueDir', () => {
  it('rejects the whole directory when one file is bad, listing every problem', async () => {
    const dir = await tempDir({
      'demo.yaml': MINIMAL,
      'broken.yaml': MINIMAL.replace('slug: demo', 'slug: broken').replace("'kidnapp* OR barnrov'", "'*'"),
    });
    const err = await loadCatalogueDir(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueError);
    expect((err as CatalogueError).code).toBe('CATALOGUE_INVALID');
    expect((err as CatalogueError).problems).toEqual([
      "broken.yaml:15:17 rules.sv.positive[0].query (rule 'words'): '*' alone at 0 would match every word: a wildcard needs at least 2 letters, e.g. kidnapp*",
    ]);
  });

  it('rejects a directory without narrative files', async () => {
    const dir = await tempDir({ 'notes.txt': 'nothing here' });
    await expect(loadCatalogueDir(dir)).rejects.toThrow(/no narrative files/u);
  });

  it('reads the seed files as text the exporter reproduces key by key', async () => {
    const text = await readFile(join(SEED_DIR, 'profit-motive.yaml'), 'utf8');
    const [file] = catalogueToYamlFiles({ narratives: [parseNarrativeYaml(text, 'profit-motive.yaml')] });
    expect(parseNarrativeYaml(file?.text ?? '', 'profit-motive.yaml')).toEqual(parseNarrativeYaml(text, 'profit-motive.yaml'));
  });
});
