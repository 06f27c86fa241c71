import exifr from 'exifr';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertPosts } from '../../src/db/queries/index.js';
import { auditLog, tiplineReports, tiplineScreenshots } from '../../src/db/schema/index.js';
import { contentHash, ensureUnscheduledSource } from '../../src/pipeline/index.js';
import { startSmtpServer, type SmtpTestServer } from '../mail/smtp-test-server.js';
import { fixtureImage, pngWithGps } from '../tipline/image-fixtures.js';
import { Client, startTestWeb, type Reply, type TestWeb } from './harness.js';

let web: TestWeb;
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  web = await startTestWeb({}, { mail: { smtpUrl: smtp.url, from: 'Vaksam <vaksam@kommun.example.se>' }, tipline: { link: { maxCodesPerEmail: 2 } } });
  await web.addUser('vera', 'viewer');
  await web.addUser('sara', 'security');
  await web.addUser('anna', 'admin');
});

afterAll(async () => {
  await web.close();
  await smtp.close();
});

/** Posts a multipart form the way a browser does, with the client's cookies, Origin and (unless told) CSRF field. */
async function postForm(client: Client, path: string, fields: Record<string, string>, files: Array<{ name: string; bytes: Buffer; type: string }> = [], origin = client.base): Promise<Reply> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('screenshots', new Blob([f.bytes], { type: f.type }), f.name);
  const headers: Record<string, string> = { origin, 'x-forwarded-for': client.ip, accept: 'text/html' };
  if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(client.base + path, { method: 'POST', body: form, headers, redirect: 'manual' });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';');
    const [name = '', value = ''] = pair.split('=');
    client.cookies.set(name, value);
  }
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';

async function signedIn(username: string, ip: string): Promise<Client> {
  const client = new Client(web.url, ip);
  expect((await client.signIn(username)).status).toBe(200);
  return client;
}

describe('the report form for signed-in staff', () => {
  it('takes a link, text, a screenshot and who it concerns, and answers with a receipt', async () => {
    const vera = await signedIn('vera', '10.0.0.1');
    const form = await vera.get('/report', { accept: 'text/html' });
    expect(form.status).toBe(200);
    expect(form.text).toContain('Vad händer med din rapport?');
    const reply = await postForm(vera, '/report', { _csrf: vera.csrfToken, intake: hidden(form.text, 'intake'), url: 'https://www.tiktok.com/@konto/video/7', text: 'Se skärmbilden', concerns: 'colleague' }, [{ name: 'skärm.png', bytes: pngWithGps(fixtureImage('png')), type: 'image/png' }]);
    expect(reply.status).toBe(303);
    const receiptUrl = reply.headers.get('location')!;
    expect(receiptUrl).toMatch(/^\/report\/receipt\/R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const receipt = await vera.get(receiptUrl, { accept: 'text/html' });
    const reference = receiptUrl.split('/').pop()!;
    expect(receipt.text).toContain(reference);

    const [report] = await web.app.database.db.select().from(tiplineReports).where(eq(tiplineReports.reference, reference));
    expect(report).toMatchObject({ channel: 'form', concerns: 'colleague', reportedUrl: 'https://www.tiktok.com/@konto/video/7', reporterName: 'vera' });
    const [shot] = await web.app.database.db.select().from(tiplineScreenshots).where(eq(tiplineScreenshots.reportId, report!.id));
    expect(shot).toMatchObject({ filename: 'skärm.png', contentType: 'image/png' });
    expect(await exifr.gps(shot!.data!)).toBeUndefined();
    const audit = await web.app.database.db.select().from(auditLog).where(eq(auditLog.subject, `tipline-report:${reference}`));
    expect(audit).toMatchObject([{ action: 'tipline.report', actor: 'vera' }]);
    expect(JSON.stringify(audit)).not.toContain('Se skärmbilden');
  });

  it('files one report when the same form is sent twice', async () => {
    const vera = await signedIn('vera', '10.0.0.2');
    const form = await vera.get('/report', { accept: 'text/html' });
    const fields = { _csrf: vera.csrfToken, intake: hidden(form.text, 'intake'), text: 'Hot mot kontoret' };
    const first = await postForm(vera, '/report', fields);
    const second = await postForm(vera, '/report', fields);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('refuses a GIF by its bytes and an empty report, keeping what was typed', async () => {
    const vera = await signedIn('vera', '10.0.0.3');
    const gif = await postForm(vera, '/report', { _csrf: vera.csrfToken, text: 'min text' }, [{ name: 'bild.png', bytes: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), type: 'image/png' }]);
    expect(gif.status).toBe(400);
    expect(gif.text).toContain('allowed: PNG, JPEG or WebP');
    expect(gif.text).toContain('min text');
    const empty = await postForm(vera, '/report', { _csrf: vera.csrfToken });
    expect(empty.status).toBe(400);
  });

  it('refuses a report without the CSRF token or from another site', async () => {
    const vera = await signedIn('vera', '10.0.0.4');
    expect((await postForm(vera, '/report', { text: 'x' })).status).toBe(403);
    expect((await postForm(vera, '/report', { _csrf: vera.csrfToken, text: 'x' }, [], 'https://evil.example')).status).toBe(403);
  });

  it('shows reports and reporters to security roles only', async () => {
    const vera = await signedIn('vera', '10.0.0.5');
    const sent = await postForm(vera, '/report', { _csrf: vera.csrfToken, text: 'Rapport för behörighetstest' }, [{ name: 'a.png', bytes: fixtureImage('png'), type: 'image/png' }]);
    const reference = sent.headers.get('location')!.split('/').pop()!;
    for (const path of ['/reports', `/reports/${reference}`, `/reports/${reference}/screenshots/1`, '/api/v1/reports', '/reports/links']) expect((await vera.get(path)).status, path).toBe(403);
    const sara = await signedIn('sara', '10.0.0.6');
    const list = await sara.get('/reports', { accept: 'text/html' });
    expect(list.text).toContain(reference);
    const page = await sara.get(`/reports/${reference}`, { accept: 'text/html' });
    expect(page.text).toContain('Rapporterat av');
    expect(page.text).toContain('vera');
    const image = await fetch(`${web.url}/reports/${reference}/screenshots/1`, { headers: { cookie: [...sara.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': sara.ip } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(fixtureImage('png')).digest('hex'));
    // Another reporter's receipt is as missing as a made-up one.
    const other = await signedIn('anna', '10.0.0.7');
    expect((await other.get(`/report/receipt/${reference}`)).status).toBe(200);
    await web.addUser('vilma', 'viewer');
    const vilma = await signedIn('vilma', '10.0.0.8');
    expect((await vilma.get(`/report/receipt/${reference}`)).status).toBe(404);
  });
});

describe('privacy of reports', () => {
  it('keeps reported posts out of the posts pages of roles without threat access', async () => {
    const db = web.app.database.db;
    const sourceId = await ensureUnscheduledSource(db, { kind: 'tipline', name: 'tipline: staff reports', url: 'tipline://reports', config: {} });
    const item = { externalId: 'R-TEST0-00001', url: null, authorHandle: null, title: null, text: 'Rapporterad text om handläggaren Kerstin', language: 'sv', publishedAt: null, metadata: {} };
    const { inserted } = await upsertPosts(db, { sourceId, platform: 'tipline', fetchRunId: null, now: new Date() }, [{ ...item, contentHash: contentHash(item) }]);
    const vera = await signedIn('vera', '10.2.0.1');
    expect((await vera.get('/api/v1/posts?q=Kerstin')).json().posts).toEqual([]);
    expect((await vera.get(`/posts/${inserted[0]}`)).status).toBe(404);
    const sara = await signedIn('sara', '10.2.0.2');
    expect((await sara.get('/api/v1/posts?q=Kerstin')).json().posts).toHaveLength(1);
  });
});

describe('a secret link for staff without an account', () => {
  let linkPath = '';

  beforeAll(async () => {
    const sara = await signedIn('sara', '10.1.0.1');
    const created = await sara.request('POST', '/reports/links', { form: { _csrf: sara.csrfToken, name: 'Västerås stad', domains: 'kommun.example.se' }, headers: { accept: 'text/html' } });
    expect(created.status).toBe(201);
    linkPath = new URL(/<code class="secret-link">([^<]+)<\/code>/.exec(created.text)![1]!).pathname;
  });

  it('lets a work address prove itself with a one-time code and report, and gives a receipt only to that reporter', async () => {
    const staff = new Client(web.url, '10.1.0.2');
    const start = await staff.get(linkPath, { accept: 'text/html' });
    expect(start.text).toContain('Jobbmejl');
    const outsider = await staff.request('POST', `${linkPath}/code`, { form: { _csrf: hidden(start.text, '_csrf'), email: 'someone@gmail.example' }, headers: { accept: 'text/html' } });
    expect(outsider.status).toBe(400);
    const sent = await staff.request('POST', `${linkPath}/code`, { form: { _csrf: hidden(start.text, '_csrf'), email: 'Lena@Kommun.Example.se' }, headers: { accept: 'text/html' } });
    expect(sent.status).toBe(200);
    await smtp.received(1);
    const mail = smtp.messages.at(-1)!;
    expect(mail.to).toEqual(['lena@kommun.example.se']);
    const code = /\b(\d{6})\b/.exec(mail.parsed.subject ?? '')![1]!;

    const wrong = await staff.request('POST', `${linkPath}/verify`, { form: { _csrf: hidden(sent.text, '_csrf'), email: 'lena@kommun.example.se', code: code === '000000' ? '111111' : '000000' }, headers: { accept: 'text/html' } });
    expect(wrong.status).toBe(400);
    const verified = await staff.request('POST', `${linkPath}/verify`, { form: { _csrf: hidden(sent.text, '_csrf'), email: 'lena@kommun.example.se', code }, headers: { accept: 'text/html' } });
    expect(verified.status).toBe(303);
    const form = await staff.get(linkPath, { accept: 'text/html' });
    expect(form.text).toContain('lena@kommun.example.se');
    const reported = await postForm(staff, `${linkPath}/report`, { _csrf: hidden(form.text, '_csrf'), intake: hidden(form.text, 'intake'), text: 'Hot i en sluten grupp', concerns: 'me' });
    expect(reported.status).toBe(303);
    const receiptPath = reported.headers.get('location')!;
    expect((await staff.get(receiptPath, { accept: 'text/html' })).text).toMatch(/R-[0-9A-Z]{5}-[0-9A-Z]{5}/);
    expect((await new Client(web.url, '10.1.0.3').get(receiptPath)).status).toBe(404);
    const [report] = await web.app.database.db.select().from(tiplineReports).where(eq(tiplineReports.reference, receiptPath.split('/').pop()!));
    expect(report).toMatchObject({ channel: 'link', reporterEmail: 'lena@kommun.example.se', concerns: 'me' });
  });

  it('limits the codes one address can ask for, in Postgres, with Retry-After', async () => {
    const client = new Client(web.url, '10.1.0.4');
    const start = await client.get(linkPath, { accept: 'text/html' });
    const ask = () => client.request('POST', `${linkPath}/code`, { form: { _csrf: hidden(start.text, '_csrf'), email: 'omar@kommun.example.se' }, headers: { accept: 'text/html' } });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses the report form without a verified address, and answers 404 for unknown or revoked links', async () => {
    const stranger = new Client(web.url, '10.1.0.5');
    const page = await stranger.get(linkPath, { accept: 'text/html' });
    expect((await postForm(stranger, `${linkPath}/report`, { _csrf: hidden(page.text, '_csrf'), text: 'x' })).status).toBe(401);
    expect((await stranger.get('/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    const sara = await signedIn('sara', '10.1.0.6');
    const links = await sara.get('/reports/links', { accept: 'text/html' });
    const id = /\/reports\/links\/(\d+)\/revoke/.exec(links.text)![1];
    expect((await sara.request('POST', `/reports/links/${id}/revoke`, { form: { _csrf: sara.csrfToken } })).status).toBe(303);
    expect((await stranger.get(linkPath)).status).toBe(404);
  });
});
