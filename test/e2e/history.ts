import { classifyPosts } from '../../src/classify-store/index.js';
import type { Db } from '../../src/db/index.js';
import { insertAlertWithEmails } from '../../src/db/queries/alerts.js';
import { upsertPosts } from '../../src/db/queries/index.js';
import { alertState } from '../../src/db/schema/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { classifyCaches } from '../http/seed.js';

const TEXTS = [
  'Socialtjänsten kidnappar muslimska barn, lämna Sverige innan de tar era barn.',
  'Soc tar våra barn och placerar dem hos kristna familjer som tvingar dem äta fläsk.',
  'Socialen tjänar pengar på varje barn de tar, det är en industri.',
  'Barnen försvinner i HVB-hemmen och ingen bryr sig.',
  'Faktakoll: nej, socialtjänsten kidnappar inte barn. Vård enligt LVU beslutas av förvaltningsrätten.',
  'Nyanlända får gratis lägenhet medan pensionärer svälter.',
  'Kommunen informerar om öppettider under julen.',
  'Trafikolycka på E4 norr om Uppsala i morse.',
];

/** Two weeks of classified posts (a rising wave at the end), a running surge and a sent alert: a lived-in overview. */
export async function seedHistory(db: Db, sourceId: number, now: Date): Promise<void> {
  const rows = [];
  for (let day = 13; day >= 0; day--) {
    const perDay = 3 + Math.max(0, 6 - day) * 2;
    for (let i = 0; i < perDay; i++) {
      const text = `${TEXTS[(day * 7 + i) % TEXTS.length]} (${day}-${i})`;
      const row = { externalId: `h-${day}-${i}`, url: `https://example.se/h/${day}/${i}`, authorHandle: `konto${i % 5}`, title: null, text, language: 'sv', publishedAt: new Date(now.getTime() - day * 86_400_000 - i * 600_000), metadata: {} };
      rows.push({ ...row, contentHash: contentHash(row) });
    }
  }
  const { inserted } = await upsertPosts(db, { sourceId, platform: 'rss', fetchRunId: null, now }, rows);
  await classifyPosts(db, classifyCaches(db), inserted, now);
  await db.insert(alertState).values({
    key: 'surge:child-kidnapping:social',
    state: { episodeStart: new Date(now.getTime() - 5 * 3_600_000).toISOString(), lastAlertAt: now.toISOString(), lastAlertCount: 14, seq: 1, announced: [] },
    updatedAt: now,
  });
  await insertAlertWithEmails(
    db,
    { kind: 'surge', dedupeKey: 'test-surge-1', severity: 'high', subject: 'child-kidnapping', payload: { slug: 'child-kidnapping', window: 14, expected: 3 }, postIds: inserted.slice(-3), createdAt: now },
    [
      { recipientId: null, toAddress: 'kommunikation@kommun.example', messageId: '<t1@vaksam>', subject: 'Ökning: Socialtjänsten kidnappar barn', html: '<p>x</p>', text: 'x', headers: {}, attachments: [], notBefore: now },
      { recipientId: null, toAddress: 'presstjanst@kommun.example', messageId: '<t2@vaksam>', subject: 'Ökning: Socialtjänsten kidnappar barn', html: '<p>x</p>', text: 'x', headers: {}, attachments: [], notBefore: now },
    ],
  );
}
