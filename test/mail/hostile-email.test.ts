import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threatEmail, type CaseChangeFacts, type EmailOptions, type ThreatFacts } from '../../src/alerts/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createMailTransport, deliverOutbox, renderEmail } from '../../src/mail/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { FROM, queueEmails } from './outbox-fixtures.js';
import { startSmtpServer, type SmtpTestServer } from './smtp-test-server.js';

const settings: EmailOptions = { timeZone: 'Europe/Stockholm', uiBaseUrl: 'https://vaksam.example.se' };
const OPENED: CaseChangeFacts = { change: 'opened', previousLevel: null, previousCount: 0 };
const HOSTILE_SIGNAL = 'ni ska dö\r\nBcc: evil@example.org\r\nX-Evil: 1';
const LONG = 'x'.repeat(400);
const TEXT = `<img src=x onerror=alert(1)> \u202Eterces ${HOSTILE_SIGNAL} ${LONG} </div></body>`;

function facts(): ThreatFacts {
  const start = TEXT.indexOf(HOSTILE_SIGNAL);
  // Case 19 holds post 42: the email names the case, never the post.
  return {
    caseId: 19,
    status: 'new',
    postCount: 3,
    openedAt: '2026-11-23T09:00:00.000Z',
    level: 'high',
    categories: ['threat'],
    signals: [{ kind: 'threat', text: HOSTILE_SIGNAL, start, end: start + HOSTILE_SIGNAL.length }],
    post: { id: 42, platform: 'x<b>', url: 'javascript:alert(1)', title: null, text: TEXT, language: 'sv', authorHandle: '@"><script>', at: '2026-11-23T10:00:00.000Z' },
  };
}

describe('a threat email built from a hostile post', () => {
  const email = renderEmail(threatEmail(facts(), OPENED, 'sv', settings));

  it('has a one-line subject without the injected header', () => {
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('”ni ska dö Bcc: evil@example.org X-Evil: 1”');
  });

  it('escapes the post text, drops the RTL override and breaks the long word', () => {
    expect(email.html).not.toMatch(/<img src=x|<script>|<\/div><\/body>\s*<\/div>/);
    expect(email.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(email.html).toContain('@&#34;&#62;&#60;script&#62;');
    expect(email.html).not.toContain('\u202E');
    expect(email.html).toContain(`${'x'.repeat(24)}<wbr>${'x'.repeat(24)}`);
    expect(email.text).not.toContain('\u202E');
  });

  it('never links to a javascript: URL', () => {
    expect(email.html).not.toContain('javascript:');
    expect(email.text).not.toContain('javascript:');
    expect(email.html).toContain('href="https://vaksam.example.se/threats/19"');
    expect(email.html).not.toContain('/cases/');
  });
});

describe('the same email through SMTP', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await database.drop();
  });

  it('arrives with one recipient, no injected headers and the marked signal', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    await queueEmails(database.db, [{ address: 'sec@kommun.example.se' }], now, threatEmail(facts(), OPENED, 'sv', settings));
    const transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '', timeoutMs: 5_000, maxConnections: 1 });
    try {
      await deliverOutbox({ db: database.db, transport, log: silentLogger, now: () => now, settings: { from: FROM, batchSize: 5, maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 1000, sendingTimeoutMs: 60_000, maxConnections: 1 } });
    } finally {
      transport.close();
    }
    await smtp.received(1);
    const { parsed, to } = smtp.messages[0]!;
    expect(to).toEqual(['sec@kommun.example.se']);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-evil')).toBe(false);
    expect(parsed.subject).toMatch(/^\[ALLVARLIGT HOT\] Hot på x<b> – ärende 19: /);
    expect(parsed.headers.get('x-vaksam-case')).toBe('19');
    expect(parsed.html).toMatch(/<mark style="background:#fde68a;font-weight:600">ni ska dö\s+Bcc: evil@example.org\s+X-Evil: 1<\/mark>/);
  });
});
