import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNarrativeVersion } from '../../src/catalogue-store/index.js';
import { auditLog } from '../../src/db/schema/index.js';
import { Client, formFields, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';

let web: TestWeb;
let seeded: Seeded;
let admin: Client;

beforeAll(async () => {
  web = await startTestWeb();
  seeded = await seedContent(web.app.database.db, new Date());
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
});
afterAll(() => web.close());

describe('query check', () => {
  it('accepts a valid query', async () => {
    const reply = await admin.request('POST', '/api/v1/query/check', { json: { query: 'kidnapp* NEAR/3 barn', lang: 'sv' } });
    expect(reply.json()).toEqual({ ok: true });
  });

  it.each([
    ['(barn OR', 8],
    ['barn)', 4],
    ['socialen AND', 12],
  ])('places the syntax error of %j at %i', async (query, position) => {
    const reply = await admin.request('POST', '/api/v1/query/check', { json: { query, lang: 'sv' } });
    expect(reply.json()).toMatchObject({ ok: false, error: { position } });
    expect(reply.json().error.message).toBeTruthy();
  });
});

describe('editor form', () => {
  it('round-trips a narrative through the form without change', async () => {
    const page = await admin.get('/narratives/child-kidnapping', { accept: 'text/html' });
    const fields = await formFields(page.text, '#narrative-form');
    const reply = await admin.request('POST', '/narratives/child-kidnapping', { form: { ...fields, reason: 'no change' } });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/narratives/child-kidnapping?notice=unchanged');
  });

  it('saves an edited rule as a new version, audited with the user', async () => {
    const before = await getNarrativeVersion(web.app.database.db, 'child-kidnapping');
    const page = await admin.get('/narratives/child-kidnapping', { accept: 'text/html' });
    const fields = await formFields(page.text, '#narrative-form');
    const blank = Object.keys(fields).find((k) => /^rules\.sv\.positive\.\d+\.id$/.test(k) && fields[k] === '')!;
    const prefix = blank.replace(/\.id$/, '');
    const reply = await admin.request('POST', '/narratives/child-kidnapping', {
      form: { ...fields, [`${prefix}.id`]: 'weather-test', [`${prefix}.query`]: 'regn', [`${prefix}.weight`]: '0.9', reason: 'test rule' },
    });
    expect(reply.headers.get('location')).toBe('/narratives/child-kidnapping?notice=saved');
    const after = await getNarrativeVersion(web.app.database.db, 'child-kidnapping');
    expect(after.version).toBe(before.version + 1);
    expect(after.createdBy).toBe('anna');
    expect(after.narrative.rules.sv?.positive.at(-1)).toEqual({ id: 'weather-test', query: 'regn', weight: 0.9 });
    const [entry] = await web.app.database.db.select().from(auditLog).where(eq(auditLog.action, 'narrative.update')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actor: 'anna', subject: 'narrative:child-kidnapping' });
  });

  it('shows problems and keeps the draft when a query is broken', async () => {
    const page = await admin.get('/narratives/forced-conversion', { accept: 'text/html' });
    const fields = await formFields(page.text, '#narrative-form');
    const firstQuery = Object.keys(fields).find((k) => /^rules\.sv\.positive\.0\.query$/.test(k))!;
    const reply = await admin.request('POST', '/narratives/forced-conversion', { form: { ...fields, [firstQuery]: '(fläsk OR', reason: 'broken' }, headers: { accept: 'text/html' } });
    expect(reply.status).toBe(422);
    expect(reply.text).toContain('rules.sv.positive[0].query');
    expect(reply.text).toContain('(fläsk OR</textarea>');
  });

  it('restores an old version as a new one, and shows diffs between versions', async () => {
    const current = await getNarrativeVersion(web.app.database.db, 'child-kidnapping');
    const diff = await admin.get(`/narratives/child-kidnapping/versions/${current.version}`, { accept: 'text/html' });
    expect(diff.text).toMatch(/<span class="add">\+ +- id: weather-test/);
    const reply = await admin.request('POST', '/narratives/child-kidnapping/restore', { form: { version: '1', reason: 'undo test rule' } });
    expect(reply.headers.get('location')).toBe('/narratives/child-kidnapping?notice=restored');
    const restored = await getNarrativeVersion(web.app.database.db, 'child-kidnapping');
    expect(restored.version).toBe(current.version + 1);
    expect(JSON.stringify(restored.narrative)).not.toContain('weather-test');
  });
});

describe('backtest', () => {
  it('reports the posts a draft would add and drop against the saved version', async () => {
    const saved = (await admin.get('/api/v1/narratives/child-kidnapping')).json().narrative;
    const draft = structuredClone(saved);
    draft.rules.sv.positive.push({ id: 'weather', query: 'regn', weight: 0.9 });
    const added = (await admin.request('POST', '/api/v1/narratives/child-kidnapping/backtest', { json: { narrative: draft, days: 7 } })).json();
    expect(added.postsScanned).toBe(4);
    expect(added.samples.added.map((e: { postId: number }) => e.postId)).toEqual([seeded.postIds.neutral]);
    expect(added.samples.added[0].matched).toEqual(['Regn']);
    expect(added.dropped).toBe(0);

    const none = { ...structuredClone(saved), rules: {}, exemplars: { sv: [], en: [], ar: [] } };
    const dropped = (await admin.request('POST', '/api/v1/narratives/child-kidnapping/backtest', { json: { narrative: none, days: 7 } })).json();
    expect(dropped.samples.dropped.map((e: { postId: number }) => e.postId)).toContain(seeded.postIds.kidnap);
    expect(dropped.draft).toBe(0);
  });

  it('answers 400 with the problems for an invalid draft', async () => {
    const reply = await admin.request('POST', '/api/v1/narratives/child-kidnapping/backtest', { json: { narrative: { title: 'x' } } });
    expect(reply.status).toBe(400);
    expect(reply.json().error.code).toBe('CATALOGUE_INVALID');
  });
});
