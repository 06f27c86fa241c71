import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/postgres.js';
import { cli } from '../helpers/cli.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'vaksam-catalogue-'));

beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error' };
});
afterAll(() => database.drop());

describe('vaksam catalogue', () => {
  it('imports the seed narratives as version 1, and leaves unchanged ones alone on re-import', async () => {
    const first = await cli(['catalogue', 'import', 'config/narratives'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/child-kidnapping: saved as version 1/);
    const again = await cli(['catalogue', 'import', 'config/narratives'], env);
    expect(again.stdout).toMatch(/child-kidnapping: unchanged \(version 1\)/);
    const list = await cli(['catalogue', 'list'], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('round-trips export and import, versions an edit, diffs and restores it', async () => {
    const out = join(dir, 'export');
    expect((await cli(['catalogue', 'export', out], env)).stdout).toMatch(/wrote 7 narrative file/);
    expect(readdirSync(out)).toContain('child-kidnapping.yaml');
    const file = join(out, 'profit-motive.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/threshold: [0-9.]+/, 'threshold: 0.75'));
    const edit = await cli(['catalogue', 'import', out, '--reason', 'raise threshold'], env);
    expect(edit.stdout).toMatch(/profit-motive: saved as version 2/);
    expect(edit.stdout).toMatch(/child-kidnapping: unchanged/);

    const diff = await cli(['catalogue', 'diff', 'profit-motive'], env);
    expect(diff.stdout).toMatch(/^-threshold: 0\.\d+$/m);
    expect(diff.stdout).toMatch(/^\+threshold: 0\.75$/m);

    const history = await cli(['catalogue', 'history', 'profit-motive'], env);
    expect(history.stdout).toMatch(/v2\*.*cli:.*raise threshold/);
    expect((await cli(['catalogue', 'restore', 'profit-motive', '1'], env)).stdout).toMatch(/version 1 restored as version 3/);
    const shown = await cli(['catalogue', 'show', 'profit-motive'], env);
    expect(shown.stdout).toMatch(/version 3 \(current\)/);
    expect(shown.stdout).not.toContain('threshold: 0.75');
  });

  it('rejects a bad narrative file whole, naming file, line and the allowed keys', async () => {
    const bad = join(dir, 'bad');
    await cli(['catalogue', 'export', bad], env);
    const file = join(bad, 'foster-abuse.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity:', 'near: 3\nseverity:'));
    const run = await cli(['catalogue', 'import', bad], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/foster-abuse\.yaml:\d+:\d+.*near/);
  });

  it('shows a missing narrative as a clear error', async () => {
    const run = await cli(['catalogue', 'show', 'no-such-thing'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no narrative 'no-such-thing'/);
  });
});

describe('vaksam classify --jsonl', () => {
  const input = [
    JSON.stringify({ id: 1, text: 'Socialtjänsten kidnappar muslimska barn. Sprid!' }),
    '{broken json',
    JSON.stringify({ id: 'b', text: 'It is a myth that Swedish social services kidnap children: courts decide.', lang: 'en' }),
  ].join('\n');

  it('works offline from YAML files and writes exactly the documented shape', async () => {
    const run = await cli(['classify', '--jsonl', '--catalogue', 'config/narratives'], {}, input);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]).sort()).toEqual(['id', 'lang', 'narratives', 'threat']);
    expect(lines[0]).toMatchObject({ id: 1, lang: 'sv', narratives: expect.arrayContaining([expect.objectContaining({ slug: 'child-kidnapping', stance: 'spreading' })]) });
    expect(Object.keys(lines[0].narratives[0]).sort()).toEqual(['matched', 'score', 'slug', 'stance']);
    expect(lines[1].narratives.find((n: { slug: string }) => n.slug === 'child-kidnapping')?.stance).toBe('countering');
    expect(run.stderr).toMatch(/line 2: invalid JSON/);
    expect(lines[0].threat).toMatchObject({ level: 'none', categories: [], signals: [] });
  });

  it('fills the threat field from the threat rules, with signal offsets into the text', async () => {
    const text = 'Vi vet var du bor. Ikväll bränner vi socialkontoret i Västerås.';
    const run = await cli(['classify', '--jsonl', '--catalogue', 'config/narratives'], {}, JSON.stringify({ id: 't', text }));
    const line = JSON.parse(run.stdout.trim());
    expect(['high', 'critical']).toContain(line.threat.level);
    for (const signal of line.threat.signals) expect(text.slice(signal.start, signal.end)).toBe(signal.text);
  });

  it('uses the stored catalogue when no folder is given', async () => {
    const run = await cli(['classify', '--jsonl'], env, input);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('vaksam query', () => {
  it('prints the parse tree of a valid query', async () => {
    const run = await cli(['query', 'check', 'soc* NEAR/3 (kidnapp* OR stjäl)'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/NEAR/);
  });

  it('points at the position of a syntax error', async () => {
    const run = await cli(['query', 'check', '(barn OR soc'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/expected '\)' at \d+/);
  });

  it('matches posts from stdin and reports hits with offsets', async () => {
    const stdin = [JSON.stringify({ id: 'x', text: 'Socialen tar våra barn' }), JSON.stringify({ id: 'y', text: 'Fint väder' })].join('\n');
    const run = await cli(['query', 'match', 'socialen AND barn'], {}, stdin);
    const [x, y] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(x).toMatchObject({ id: 'x', match: true });
    expect(x.hits.length).toBeGreaterThan(0);
    expect(y).toMatchObject({ id: 'y', match: false, hits: [] });
  });
});

describe('vaksam backtest', () => {
  it('shows what a draft rule file adds and drops over stored posts, per day', async () => {
    const { insertSource, upsertPosts } = await import('../../src/db/queries/index.js');
    const { contentHash } = await import('../../src/pipeline/index.js');
    const source = await insertSource(database.db, { kind: 'feed', name: 'bt', url: 'https://bt.example/', config: {}, everyMinutes: 5, identityKey: 'bt' });
    const now = new Date();
    const rows = ['Socialtjänsten kidnappar barn, sprid!', 'Socialtjänsten bjuder in till föräldramöte om skolskjuts.'].map((text, i) => {
      const base = { url: `https://bt.example/${i}`, title: null, text };
      return { ...base, externalId: `bt${i}`, authorHandle: null, language: 'sv', publishedAt: now, contentHash: contentHash(base), metadata: {} };
    });
    await upsertPosts(database.db, { sourceId: source!.id, platform: 'feed', fetchRunId: null, now }, rows);

    const draftDir = join(dir, 'draft');
    await cli(['catalogue', 'export', draftDir], env);
    const file = join(draftDir, 'child-kidnapping.yaml');
    // A careless draft: every post about social services would now count.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/query: .*kidnapp.*/, 'query: socialtjänsten'));
    const run = await cli(['backtest', '--narrative', 'child-kidnapping', '--rule-file', file, '--json'], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ slug: 'child-kidnapping', postsScanned: 2, added: 1 });
    expect(report.samples.added[0].excerpt).toContain('föräldramöte');
    expect(report.perDay).toHaveLength(1);

    const text = await cli(['backtest', '--narrative', 'child-kidnapping', '--rule-file', file], env);
    expect(text.stdout).toMatch(/\+1 added/);
    const wrong = await cli(['backtest', '--narrative', 'profit-motive', '--rule-file', file], env);
    expect(wrong.stderr).toMatch(/is for 'child-kidnapping', not 'profit-motive'/);
  });
});
