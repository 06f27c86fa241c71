import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignClusters } from '../../src/cluster-store/index.js';
import { clusterSettings } from '../../src/config/index.js';
import { addNarrativeMatch, addPost, addSource } from '../alerts/fixtures.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';

let web: TestWeb;
let client: Client;
const network = ['@nat1', '@nat2', '@nat3'];

beforeAll(async () => {
  web = await startTestWeb();
  await web.addUser('kim', 'communications');
  client = new Client(web.url);
  await client.signIn('kim');
  const db = web.app.database.db;
  const source = await addSource(db, 'mastodon');
  const now = web.app.now().getTime();
  const ids: number[] = [];
  // Three accounts post the same two links within seconds, an hour apart; a fourth posts one of them much later.
  for (const [k, link] of ['https://kampanj.example/a?utm_source=x', 'https://kampanj.example/b'].entries()) {
    for (const [i, author] of network.entries()) {
      ids.push(await addPost(db, { sourceId: source, authorHandle: author, text: `Socialtjänsten tar barnen, sprid! ${link}`, at: new Date(now - (2 - k) * 3_600_000 + i * 5_000) }));
    }
  }
  ids.push(await addPost(db, { sourceId: source, authorHandle: '@ensam', text: 'Läste detta https://kampanj.example/a', at: new Date(now - 30 * 60_000) }));
  for (const id of ids) await addNarrativeMatch(db, id, 'child-kidnapping', new Date(now));
  await assignClusters(db, ids, clusterSettings({}), new Date(now));
}, 60_000);
afterAll(() => web.close());

describe('campaign pages', () => {
  it('lists the period\'s texts with posts and accounts, and each text\'s members', async () => {
    const list = await client.get('/clusters?narrative=child-kidnapping&stance=spreading&days=1');
    expect(list.status).toBe(200);
    expect(list.text).toContain('6 inlägg');
    const id = /href="\/clusters\/(\d+)"/.exec(list.text)![1];
    const detail = await client.get(`/clusters/${id}`);
    expect(detail.status).toBe(200);
    for (const author of network) expect(detail.text).toContain(author);
  });

  it('shows the coordination network with its evidence and without a verdict', async () => {
    const page = await client.get('/coordination?stance=spreading&days=1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nätverk 1: 3 konton');
    expect(page.text).toContain('kampanj.example/a');
    expect(page.text).not.toContain('@ensam');
    expect(page.text).toContain('inte ett bevis på avsikt');
  });

  it('refuses a period that is not a date or longer than 90 days, saying what is allowed', async () => {
    expect((await client.get('/coordination?from=igår')).status).toBe(400);
    expect((await client.get('/clusters?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
  });
});
