import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWatchlistKey, ThreatDetectorCache, threatsConfigSchema } from '../../src/threat-cases/index.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { classifyThreatBatch } from '../threat-cases/classify-batch.js';
import { insertPost, seedSource } from '../threat-cases/seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let outDir: string;
let env: Record<string, string>;
let caseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'vaksam-cli-threats-'));
  outDir = join(dataDir, 'evidence');
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error', VAKSAM_DATA_DIR: dataDir };
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

/** What the classify worker does: posts come in, the detector (with the watchlist) files the cases. */
async function collectAndClassify(texts: Array<{ text: string; author: string; fetchedAt?: Date }>): Promise<void> {
  const seed = await seedSource(database.db, `src${Math.random().toString(36).slice(2)}`);
  const ids: number[] = [];
  for (const t of texts) ids.push(await insertPost(database.db, seed, t));
  const key = await loadWatchlistKey(threatsConfigSchema.parse({}), dataDir);
  const { detector } = await new ThreatDetectorCache(database.db, { rulesDir: 'config/threats', watchlistKey: key }).get();
  await classifyThreatBatch(database.db, detector, ids, new Date());
}

describe('vaksam watchlist', () => {
  it('adds names from stdin, creates the key file and never echoes a name', async () => {
    const run = await cli(['watchlist', 'add', '--kind', 'name', '--by', 'säkerhet'], env, 'Lena Berg\nمحمد الحسن\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('added name 1: L*** B***\nadded name 2: م*** ا***\n');
    expect(await readdir(dataDir)).toContain('watchlist.key');
  });

  it('lists entries masked and removes one', async () => {
    await cli(['watchlist', 'add', 'Storgatan 12', '--kind', 'address'], env);
    const list = await cli(['watchlist', 'list'], env);
    expect(list.stdout).toMatch(/1\s+name\s+L\*\*\* B\*\*\*/u);
    expect(list.stdout).toMatch(/3\s+address\s+S\*\*\* 1\*\*\*/u);
    expect(list.stdout).not.toMatch(/Lena|Storgatan/u);
    expect((await cli(['watchlist', 'remove', '3'], env)).stdout).toBe('removed watchlist entry 3\n');
    expect((await cli(['watchlist', 'remove', '3'], env)).stderr).toMatch(/no watchlist entry 3.*WATCHLIST_ENTRY_NOT_FOUND/u);
  });

  it('refuses an unknown kind and a value too short to match', async () => {
    expect((await cli(['watchlist', 'add', 'X Y', '--kind', 'car'], env)).code).toBe(2);
    expect((await cli(['watchlist', 'add', 'Bo'], env)).stderr).toMatch(/too short to match safely/u);
  });
});

describe('vaksam threats', () => {
  beforeAll(async () => {
    await collectAndClassify([
      { text: 'Soc tog mina barn. De ska få se.', author: 'arg99', fetchedAt: new Date('2025-03-01T10:00:00Z') },
      { text: 'Lena Berg på socialen, här är hennes hemadress. Vi kommer ikväll med bensin.', author: 'arg99' },
      { text: 'Alla till socialkontoret i Tensta på måndag kl 9!', author: 'org1' },
    ]);
    await cli(['watchlist', 'list'], env);
  });

  it('lists the queue, most severe first, and filters it', async () => {
    const run = await cli(['threats', 'list'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+LEVEL\s+STATUS/u);
    expect(lines[1]).toMatch(/critical\s+new\s+threat,doxxing/u);
    caseId = (lines[1] as string).split(/\s+/u)[0] as string;
    expect((await cli(['threats', 'list', '--level', 'medium', '--json'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l).level)).toEqual(['medium']);
    expect((await cli(['threats', 'list', '--status', 'bogus'], env)).stderr).toMatch(/--status must be one of new, acknowledged, escalated, dismissed/u);
  });

  it('shows a case with the signals marked, the source link and earlier posts by the author', async () => {
    const run = await cli(['threats', 'show', caseId], env);
    expect(run.stdout).toContain('⟦Lena Berg⟧');
    expect(run.stdout).toMatch(/link\s+https:\/\/forum\.example\/t\/\d+/u);
    expect(run.stdout).toMatch(/watchlist\s+"Lena Berg"/u);
    expect(run.stdout).toMatch(/earlier posts by the same author:\n.*Soc tog mina barn/u);
    expect(run.stdout).toMatch(/history:\n.*vaksam {2}created/u);
  });

  it('records verdicts and refuses an escalation without a police reference', async () => {
    const refused = await cli(['threats', 'review', caseId, '--status', 'escalated'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/needs the police report reference \(--police-ref\).*THREAT_CASE_REVIEW/u);
    const ok = await cli(['threats', 'review', caseId, '--status', 'escalated', '--police-ref', 'K-1', '--note', 'Anmält', '--by', 'anna'], env);
    expect(ok.stdout).toBe(`case ${caseId}: escalated\n`);
    expect((await cli(['threats', 'show', caseId], env)).stdout).toMatch(/anna {2}status new → escalated: Anmält/u);
  });

  it('exports an evidence pack', async () => {
    const run = await cli(['threats', 'export', caseId, '--out', outDir], env);
    expect(run.stdout).toMatch(/case-\d+\.html\n.*case-\d+\.json\nSHA-256 json [0-9a-f]{64}\nSHA-256 html [0-9a-f]{64}\n/u);
    const pack = JSON.parse(await readFile(join(outDir, `case-${caseId}.json`), 'utf8'));
    expect(pack.case.policeRef).toBe('K-1');
    expect(pack.posts[0].fetchRun.exchanges[0].sha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('shows precision per rule from the verdicts', async () => {
    const run = await cli(['threats', 'stats'], env);
    expect(run.stdout).toMatch(/^RULE\s+CASES\s+CONFIRMED\s+DISMISSED\s+PENDING\s+PRECISION/u);
    expect(run.stdout).toMatch(/sv\/expose-private-data\s+1\s+1\s+0\s+0\s+1\.00/u);
  });

  it('purges dismissed cases past the retention period', async () => {
    const medium = JSON.parse((await cli(['threats', 'list', '--level', 'medium', '--json'], env)).stdout.trim());
    await cli(['threats', 'review', String(medium.id), '--status', 'dismissed', '--note', 'Laglig manifestation'], env);
    expect((await cli(['threats', 'purge'], env)).stdout).toBe('removed the texts of 0 post(s) in 0 dismissed case(s)\n');
    expect((await cli(['threats', 'purge', '--dismissed-older-than', '0'], env)).code).toBe(2);
  });

  it('checks a text offline with the shipped rules', async () => {
    const run = await cli(['threats', 'check', 'Jag ska bränna ner socialkontoret ikväll', '--json'], env);
    const result = JSON.parse(run.stdout);
    expect(result.level).toBe('critical');
    expect(Object.keys(result.signals[0])).toEqual(['kind', 'text', 'start', 'end']);
  });

  it('imports, exports and lists versions of the threat rules', async () => {
    expect((await cli(['threats', 'rules', 'import', 'config/threats', '--reason', 'första'], env)).stdout).toBe('threat rules saved as version 1\n');
    expect((await cli(['threats', 'rules', 'import', 'config/threats'], env)).stdout).toBe('threat rules unchanged (version 1)\n');
    expect((await cli(['threats', 'rules', 'history'], env)).stdout).toMatch(/^v1\* .* första\n$/u);
    const exported = join(dataDir, 'rules');
    expect((await cli(['threats', 'rules', 'export', exported], env)).stdout).toMatch(/wrote 4 rule file\(s\).*\(version 1\)/u);
    expect((await readdir(exported)).sort()).toEqual(['any.yaml', 'ar.yaml', 'en.yaml', 'sv.yaml']);
  });
});
