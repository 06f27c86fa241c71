import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts, type AlertDeps } from '../../src/alerts/index.js';
import type { Stance } from '../../src/db/schema/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { addNarrative, addNarrativeMatch, addPost, addRecipient, addSource, alertRows, testAlertDeps } from './fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let source: number;
const clock = new Date('2026-11-23T10:00:00Z');

const deps = (): AlertDeps => testAlertDeps(database.db, () => clock);

const minutesAgo = (m: number) => new Date(clock.getTime() - m * 60_000);

/** A narrative with one spreading post an hour over the 12 hours before, then 20 posts of `stance` in the last hour. */
async function burst(slug: string, stance: Stance): Promise<number[]> {
  await addNarrative(database.db, slug, { title: { sv: slug, en: slug }, counterFacts: { sv: 'Fakta.', en: 'Facts.' } });
  for (let h = 2; h <= 12; h++) await addNarrativeMatch(database.db, await addPost(database.db, { sourceId: source, platform: 'mastodon', language: 'sv', at: minutesAgo(h * 60) }), slug, minutesAgo(h * 60));
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) {
    const id = await addPost(database.db, { sourceId: source, platform: 'mastodon', language: 'sv', text: `Vi har väntat i månader ${slug} ${i}`, at: minutesAgo(40 - i) });
    await addNarrativeMatch(database.db, id, slug, minutesAgo(40 - i), stance);
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  database = await createTestDatabase();
  source = await addSource(database.db, 'mastodon');
  await addRecipient(database.db, { email: 'komm@kommun.example.se', roles: ['communications'] });
});

afterAll(async () => {
  await database.drop();
});

// Issue 20 item 5: genuine concerns are not disinformation, so a wave of complaints is no surge of a narrative.
describe('surges and posts of concern', () => {
  it('raises no surge for a burst of posts voicing concern', async () => {
    expect(await checkPosts(deps(), await burst('no-due-process', 'concern'))).toEqual({ threats: 0, surges: 0 });
    expect((await alertRows(database.db)).filter((a) => a.subject === 'no-due-process')).toEqual([]);
  });

  it('raises one for the same burst of spreading posts', async () => {
    expect(await checkPosts(deps(), await burst('foster-abuse', 'spreading'))).toEqual({ threats: 0, surges: 1 });
    expect((await alertRows(database.db)).filter((a) => a.subject === 'foster-abuse').map((a) => a.kind)).toEqual(['surge']);
  });
});
