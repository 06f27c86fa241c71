import { inArray } from 'drizzle-orm';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts } from '../../src/db/schema/index.js';
import { assessThreats, writeThreatResults } from '../../src/threat-cases/index.js';
import { loadThreatModelFile } from '../../src/threat-model/index.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { shippedDetector } from '../threats/rules.js';
import { insertPost, seedSource } from '../threat-cases/seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let env: Record<string, string>;
let ids: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'vaksam-cli-feedback-'));
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error', VAKSAM_DATA_DIR: dataDir };
  const seed = await seedSource(database.db, 'cli-feedback');
  ids = [
    await insertPost(database.db, seed, { text: 'Vi vet var ni bor, ni som jobbar på socialen i Gävle.' }),
    await insertPost(database.db, seed, { text: 'Parkeringen vid simhallen stängs i helgen.' }),
    await insertPost(database.db, seed, { text: 'Handläggaren i Borås kommer få ångra sig, det lovar jag.' }),
  ];
  // Files the first two as the classify worker would with a model scoring everything 1: a rules case and a suggestion.
  const model = await loadThreatModelFile('config/threat-model.json');
  const detector = await shippedDetector();
  const rows = await database.db
    .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, contentHash: posts.contentHash })
    .from(posts)
    .where(inArray(posts.id, ids.slice(0, 2)));
  const assessed = assessThreats(detector, detector.version, rows, { model: { ...model, bias: 50 }, threshold: model.threshold });
  await database.db.transaction((tx) => writeThreatResults(tx, assessed, new Date()));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

describe('vaksam threats (model and reviewer feedback)', () => {
  it('checks a text with the rules and the model, offline', async () => {
    const json = JSON.parse((await cli(['threats', 'check', 'Biblioteket öppnar klockan nio.', '--json'], env)).stdout);
    expect(json.level).toBe('none');
    expect(json.model).toMatchObject({ threshold: expect.any(Number), suggested: false, version: expect.stringMatching(/^tm-/u) });
    expect((await cli(['threats', 'check', 'Biblioteket öppnar klockan nio.'], env)).stdout).toMatch(/^model tm-[0-9a-f]{12}: score 0\.\d\d \(threshold 0\.\d+\)$/mu);
  });

  it('lists who queued each case and shows why a post is there', async () => {
    const list = await cli(['threats', 'list'], env);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+LEVEL\s+STATUS\s+CATEGORIES\s+BY\s+/u);
    expect(list.stdout).toMatch(/high\s+new\s+threat\s+rules\s/u);
    const suggested = list.stdout.split('\n').find((l) => /\smodel 1\.00\s/u.test(l))!;
    expect(suggested).toMatch(/none\s+new\s+-\s+model 1\.00/u);
    const show = await cli(['threats', 'show', suggested.split(/\s+/u)[0]!], env);
    expect(show.stdout).toContain('why       Suggested by the model (score 1.00)');
    expect(show.stdout).toContain('queued    suggested by the model, not by a rule');
    const rulesCase = list.stdout.split('\n').find((l) => /\srules\s/u.test(l))!.split(/\s+/u)[0]!;
    expect((await cli(['threats', 'show', rulesCase], env)).stdout).toMatch(/why {7}Matched rules? (?:[\w/-]+, )*sv\/we-know-where/u);
  });

  it('records a wrong-level verdict and refuses one without the right level', async () => {
    const rulesCase = (await cli(['threats', 'list', '--json'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l)).find((c) => c.origin === 'rules').id;
    const bad = await cli(['threats', 'review', String(rulesCase), '--verdict', 'wrong-level'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/needs the right level/u);
    expect((await cli(['threats', 'review', String(rulesCase), '--verdict', 'sure'], env)).stderr).toMatch(/--verdict must be one of confirmed, not-a-threat, wrong-level/u);
    const ok = await cli(['threats', 'review', String(rulesCase), '--verdict', 'wrong-level', '--right-level', 'critical', '--by', 'anna'], env);
    expect(ok.code).toBe(0);
    expect((await cli(['threats', 'show', String(rulesCase)], env)).stdout).toContain('verdict   wrong-level (right level: critical)');
  });

  it('prints precision per rule and per model score band', async () => {
    const stats = await cli(['threats', 'stats'], env);
    expect(stats.stdout).toMatch(/RULE\s+CASES\s+CONFIRMED\s+DISMISSED\s+PENDING\s+PRECISION\s+WRONG-LEVEL\s+LEVEL-RIGHT/u);
    expect(stats.stdout).toMatch(/sv\/we-know-where\s+1\s+0\s+0\s+0\s+1\.00\s+1\s+0\.00/u);
    expect(stats.stdout).toMatch(/0\.9-1\.0\s+model\s+1\s+0\s+0\s+1\s+-\s+0\s+-/u);
    const json = (await cli(['threats', 'stats', '--json'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(json.at(-1)).toEqual({ missed: 0 });
  });

  it('marks a missed post, lists it and exports it as JSON lines', async () => {
    const mark = await cli(['threats', 'miss', String(ids[2]), '--level', 'high', '--note', 'hot mot handläggare', '--by', 'anna'], env);
    expect(mark.stdout).toMatch(new RegExp(`^post ${ids[2]} marked as a missed high threat \\(rules said none, model score 0\\.\\d\\d\\)\\n$`, 'u'));
    expect((await cli(['threats', 'miss', String(ids[2]), '--level', 'low'], env)).stderr).toMatch(/--level must be medium, high or critical/u);
    const list = await cli(['threats', 'missed'], env);
    expect(list.stdout).toMatch(/high\s+none\s+0\.\d\d\s+.*anna\s+Handläggaren i Borås/u);
    expect(JSON.parse((await cli(['threats', 'missed', '--json'], env)).stdout)).toMatchObject({ postId: ids[2], level: 'high', text: expect.stringContaining('Borås') });
    const out = join(dataDir, 'missed.jsonl');
    expect((await cli(['threats', 'missed', '--export', out], env)).stdout).toBe(`wrote 1 missed post(s) to ${out}\n`);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ lang: 'sv', threat: 'threat', family: 'reviewer-missed' });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });
});
