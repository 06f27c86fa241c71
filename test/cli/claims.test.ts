import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/postgres.js';
import { cli } from '../helpers/cli.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'vaksam-claims-'));

beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error' };
});
afterAll(() => database.drop());

const claimsFile = join(dir, 'claims.jsonl');
writeFileSync(
  claimsFile,
  [
    { id: 'c1', text: 'Social services in Sweden kidnap Muslim children' },
    { id: 'c2', text: 'Migrants receive more welfare benefits than pensioners' },
    { id: 'c3', text: 'Foster children are forced to eat pork' },
  ]
    .map((c) => JSON.stringify(c))
    .join('\n'),
);

describe('vaksam claims', () => {
  it('ranks each query line against a claims file, reporting bad lines and going on', async () => {
    const stdin = ['{"id":"q1","text":"Swedish social services are kidnapping muslim kids!"}', 'not json', '{"id":"q2","text":"pensioners get less than migrants"}'].join('\n');
    const run = await cli(['claims', 'rank', '--claims', claimsFile, '--top', '2'], env, stdin);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'q1', ranked: [{ claim_id: 'c1' }] });
    expect(lines[1].ranked[0].claim_id).toBe('c2');
    expect(Object.keys(lines[0].ranked[0]).sort()).toEqual(['claim_id', 'score']);
    expect(run.stderr).toMatch(/line 2/);
  });

  it('imports ClaimReview JSON-LD into the database once, and ranks against stored claims', async () => {
    const review = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://faktakoll.example/lvu',
      claimReviewed: 'Socialtjänsten kidnappar muslimska barn',
      reviewRating: { '@type': 'Rating', alternateName: 'Falskt' },
      author: { '@type': 'Organization', name: 'Faktakoll' },
    };
    const file = join(dir, 'review.json');
    writeFileSync(file, JSON.stringify(review));
    const first = await cli(['claims', 'import-claimreview', file, '--narrative', 'child-kidnapping'], env);
    expect(first.stdout).toMatch(/1 claim\(s\) imported/);
    await cli(['claims', 'import-claimreview', file], env);
    const ranked = await cli(['claims', 'rank'], env, '{"id":"p","text":"soc kidnappar barn"}\n');
    const line = JSON.parse(ranked.stdout.trim());
    expect(line.ranked).toHaveLength(1);
  });

  it('imports a Google Fact Check Tools API response, and explains a file with no claim review (issue 16)', async () => {
    const imported = await cli(['claims', 'import-claimreview', 'test/fixtures/claims/claimreview/fact-check-tools-search.json'], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^3 claim\(s\) imported/);
    const file = join(dir, 'unknown.json');
    writeFileSync(file, JSON.stringify({ items: [{ title: 'not a review' }] }));
    const empty = await cli(['claims', 'import-claimreview', file], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no claim review found in .*unknown\.json: expected schema\.org ClaimReview JSON-LD .* or a Google Fact Check Tools API response/);
  });
});
