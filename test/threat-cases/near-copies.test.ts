import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threatCasePosts, threatCases } from '../../src/db/schema/index.js';
import { getCase } from '../../src/threat-cases/index.js';
import type { ThreatDetector } from '../../src/threats/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { shippedDetector } from '../threats/rules.js';
import { classifyThreatBatch } from './classify-batch.js';
import { insertPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let detector: ThreatDetector;
let seed: { sourceId: number; fetchRunId: number };
const T0 = new Date('2025-03-03T09:00:00Z');
const THREAT = 'Vi vet var ni bor, ni som jobbar på socialen i Sundsvall, och vi kommer att hitta er och era familjer.';

beforeAll(async () => {
  database = await createTestDatabase();
  detector = await shippedDetector();
  seed = await seedSource(database.db);
});
afterAll(() => database.drop());

const db = () => database.db;
const caseOf = async (postId: number) => (await db().select().from(threatCasePosts).where(eq(threatCasePosts.postId, postId)))[0]?.caseId;

describe('near-copies of a threat (issue 18)', () => {
  it('merges copies with an edited word, emoji and look-alike letters into one case with the count and first and latest posts', async () => {
    const first = await insertPost(db(), seed, { text: THREAT, author: 'hotaren' });
    await classifyThreatBatch(db(), detector, [first], T0);
    const edited = await insertPost(db(), seed, { text: `🔥 ${THREAT.replace('familjer', 'barn')} 🔥`, author: 'kopia1' });
    const disguised = await insertPost(db(), seed, { text: THREAT.replace('socialen', 'sосiаlen').replace('Vi vet', 'VI VET'), author: 'kopia2' });
    await classifyThreatBatch(db(), detector, [edited, disguised], new Date(T0.getTime() + 3_600_000));
    const caseId = (await caseOf(first))!;
    expect(await caseOf(edited)).toBe(caseId);
    expect(await caseOf(disguised)).toBe(caseId);
    const [row] = await db().select().from(threatCases).where(eq(threatCases.id, caseId));
    expect(row!.postCount).toBe(3);
    const detail = await getCase(db(), caseId);
    const handles = detail!.posts.map((p) => p.authorHandle);
    expect(handles).toEqual(expect.arrayContaining(['hotaren', 'kopia1', 'kopia2']));
  });

  it('keeps a different threat in a case of its own', async () => {
    const other = await insertPost(db(), seed, { text: 'Jag ska bränna ner socialkontoret i Sundsvall i natt med bensin.', author: 'annan' });
    await classifyThreatBatch(db(), detector, [other], T0);
    const merged = await insertPost(db(), seed, { text: THREAT, author: 'hotaren2' });
    await classifyThreatBatch(db(), detector, [merged], T0);
    expect(await caseOf(other)).not.toBe(await caseOf(merged));
  });
});
