import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueError, parseNarrativeYaml } from '../../src/catalogue/index.js';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors/index.js';
import { parseThreatRulesYaml } from '../../src/threats/index.js';
import { cli } from '../helpers/cli.js';

/** Ten aliases of ten aliases of ten…: a few lines that would expand into millions of nodes. */
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'vaksam-yaml-'));

function problemsOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('YAML errors name file:line:col in plain words', () => {
  it('rejects an alias bomb in a narrative file at the first alias', () => {
    const message = problemsOf(() => parseNarrativeYaml(ALIAS_BOMB, 'bomb.yaml'));
    expect(message).toMatch(/bomb\.yaml:2:8 too many YAML aliases/);
    expect(() => parseNarrativeYaml(ALIAS_BOMB, 'bomb.yaml')).toThrowError(CatalogueError);
  });

  it('rejects an alias bomb in a threat rules file', () => {
    expect(problemsOf(() => parseThreatRulesYaml(ALIAS_BOMB, 'sv.yaml'))).toMatch(/sv\.yaml:2:8 too many YAML aliases/);
  });

  it('rejects an alias bomb in a config file', () => {
    const file = join(dir, 'bomb-config.yaml');
    writeFileSync(file, ALIAS_BOMB);
    expect(() => loadConfig({ env: { VAKSAM_CONFIG: file } })).toThrowError(ConfigError);
    expect(problemsOf(() => loadConfig({ env: { VAKSAM_CONFIG: file } }))).toContain(`${file}:2:8 too many YAML aliases`);
  });

  it('points a config value of the wrong type at its line and column, and an environment value at its variable', () => {
    const file = join(dir, 'typed.yaml');
    writeFileSync(file, 'collect:\n  concurrency: "many"\n  unknownKey: 1\n');
    const message = problemsOf(() => loadConfig({ env: { VAKSAM_CONFIG: file, VAKSAM_FETCH__MAX_BODY_BYTES: '-1' } }));
    expect(message).toContain(`${file}:2:16 collect.concurrency:`);
    expect(message).toContain(`${file}:3:3 collect: Unrecognized key: "unknownKey"`);
    expect(message).toContain('environment VAKSAM_FETCH__MAX_BODY_BYTES fetch.maxBodyBytes:');
  });

  it('makes `vaksam catalogue import` say where the bomb is, without a stack trace', async () => {
    const catalogue = mkdtempSync(join(dir, 'catalogue-'));
    writeFileSync(join(catalogue, 'bomb.yaml'), ALIAS_BOMB);
    const run = await cli(['catalogue', 'import', catalogue], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LOG_LEVEL: 'error' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bomb\.yaml:2:8 too many YAML aliases/);
    expect(run.stderr).not.toMatch(/unexpected error|ReferenceError|\n\s+at /);
  });
});
