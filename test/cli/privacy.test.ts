import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewCase } from '../../src/threat-cases/index.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { insertPost, openCase, seedSource } from '../privacy/seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let env: Record<string, string>;
const T0 = new Date('2025-05-05T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'vaksam-cli-privacy-'));
  env = { DATABASE_URL: database.url, LOG_LEVEL: 'error', VAKSAM_DATA_DIR: dataDir };
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

describe('vaksam privacy', () => {
  it('prints the processing as configured, in Swedish, with the periods of this installation', async () => {
    const run = await cli(['privacy', 'report', '--lang', 'sv'], { ...env, VAKSAM_PRIVACY__UNMATCHED_POST_DAYS: '14' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('raderas efter 14 dagar');
    expect(run.stdout).toContain('privacy.closedCaseDays');
  });

  it('finds, exports and erases a handle, keeping what the police hold and saying why', async () => {
    const sourceId = await seedSource(database.db);
    await insertPost(database.db, sourceId, { fetchedAt: T0, author: 'kalle_k', text: 'Soc tar barn' });
    const held = await insertPost(database.db, sourceId, { fetchedAt: T0, author: 'kalle_k', text: 'Vi vet var du bor' });
    const caseId = await openCase(database.db, [held], T0);
    await reviewCase(database.db, caseId, { actor: 'säk', status: 'escalated', policeRef: '5000-K7-25' }, T0);

    const found = await cli(['privacy', 'find', '--author', '@kalle_k', '--json'], env);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout).posts).toHaveLength(2);
    const out = join(dataDir, 'utdrag.json');
    const exported = await cli(['privacy', 'export', '--author', 'kalle_k', '--out', out], env);
    expect(exported.stdout).toContain('2 post(s)');
    expect(JSON.parse(await readFile(out, 'utf8')).cases[0]).toMatchObject({ caseId, heldForPolice: true });

    const refused = await cli(['privacy', 'erase', '--author', 'kalle_k'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--yes');
    const erased = await cli(['privacy', 'erase', '--author', 'kalle_k', '--yes'], env);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain('removed 1 post(s)');
    expect(erased.stdout).toContain(`kept 1 entr(ies) in case ${caseId}: escalated to the police (reference 5000-K7-25)`);
  });

  it('writes a case record and releases a police case from the command line', async () => {
    const sourceId = await seedSource(database.db);
    const caseId = await openCase(database.db, [await insertPost(database.db, sourceId, { fetchedAt: T0, author: 'x_y', text: 'Vi bränner kontoret' })], T0);
    await reviewCase(database.db, caseId, { actor: 'säk', status: 'escalated', policeRef: '5000-K8-25' }, T0);
    expect((await cli(['threats', 'secrecy', String(caseId), '--marking', 'OSL 18 kap. 1 §'], env)).code).toBe(0);
    const recorded = await cli(['threats', 'record', String(caseId), '--out', join(dataDir, 'records')], env);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain('secrecy: OSL 18 kap. 1 §');
    expect(JSON.parse(await readFile(join(dataDir, 'records', `case-${caseId}-record.json`), 'utf8')).case.policeRef).toBe('5000-K8-25');
    const released = await cli(['threats', 'release', String(caseId), '--note', 'nedlagd'], env);
    expect(released.stdout).toContain('released by the police');
    expect((await cli(['threats', 'release', String(caseId)], env)).stderr).toContain('was released by the police');
  });
});
