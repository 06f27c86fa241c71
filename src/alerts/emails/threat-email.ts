import type { Block, EmailContent, MailLanguage, Tone } from '../../email/index.js';
import { excerpt } from '../../email/index.js';
import { uniqueSpans } from '../decisive-spans.js';
import { capitalised, term, terms } from '../../vocabulary/index.js';
import type { CaseChangeFacts, EmailOptions, EscalationFacts, ThreatFacts } from './facts.js';
import { threatItem, threatSpans } from './post-items.js';
import { formatTime, STRINGS, uiLink } from './strings.js';

const TONE: Record<string, Tone> = { critical: 'critical', high: 'high', medium: 'medium' };

/** "Hot, uthängning": the case's categories in the reader's language, capitalised for a title. */
export function categoryLabel(categories: readonly string[], lang: MailLanguage): string {
  return capitalised(terms(lang, 'category', categories.length > 0 ? categories : ['threat']));
}

/** The page of a case; `ack` opens it with the acknowledge button first (a GET never changes a case). */
export function caseLink(options: EmailOptions, caseId: number, ack = false): string {
  return uiLink(options.uiBaseUrl, `/threats/${caseId}${ack ? '?ack=1' : ''}`);
}

/** Each decisive phrase once, with its kinds in the reader's language: "• bränna socialkontoret (hot, plats)". */
export function signalLines(facts: ThreatFacts, lang: MailLanguage): string | null {
  const spans = uniqueSpans(threatSpans(facts.post.text, facts));
  if (spans.length === 0) return null;
  return spans.map((s) => `• ${excerpt(s.text, 120)} (${terms(lang, 'signalKind', s.kinds)})`).join('\n');
}

function firstSignal(facts: ThreatFacts): string {
  return excerpt(threatSpans(facts.post.text, facts)[0]?.text ?? '', 60);
}

function caseBlocks(facts: ThreatFacts, lang: MailLanguage, options: EmailOptions): Block[] {
  const s = STRINGS[lang];
  const badge = s.threatBadge[facts.level];
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        [s.caseId, String(facts.caseId)],
        [s.level, badge],
        [s.category, categoryLabel(facts.categories, lang)],
        [s.platform, facts.post.platform],
        [s.published, formatTime(facts.post.at, lang, options.timeZone)],
        [s.postsInCase, String(facts.postCount)],
        [s.status, capitalised(term(lang, 'caseStatus', facts.status))],
      ],
    },
    { kind: 'posts', posts: [threatItem(facts.post, facts, lang, options.timeZone)] },
  ];
  const lines = signalLines(facts, lang);
  if (lines) blocks.push({ kind: 'heading', text: s.signals }, { kind: 'paragraph', text: lines });
  return blocks;
}

function threatHeaders(facts: ThreatFacts, kind: string): Record<string, string> {
  const headers: Record<string, string> = { 'X-Vaksam-Kind': kind, 'X-Vaksam-Case': String(facts.caseId) };
  if (facts.level === 'critical') Object.assign(headers, { 'X-Priority': '1', Importance: 'high' });
  return headers;
}

/**
 * A case opened at high or critical, or raised to it: level, category, the case id for the review queue, the post
 * that set the level with its decisive words marked, and a link to the case (critical: to acknowledge it).
 */
export function threatEmail(facts: ThreatFacts, change: CaseChangeFacts, lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const badge = s.threatBadge[facts.level];
  const category = categoryLabel(facts.categories, lang);
  const raised = change.change === 'raised' && change.previousLevel !== null;
  const title = raised ? s.raisedTitle(term(lang, 'level', facts.level)) : s.threatTitle(category);
  const critical = facts.level === 'critical';
  const blocks: Block[] = [
    { kind: 'title', tone: TONE[facts.level] ?? 'medium', badge, text: title },
    ...caseBlocks(facts, lang, options),
    { kind: 'button', href: caseLink(options, facts.caseId, critical), text: critical ? s.ackCase : s.openCase },
    { kind: 'footer', text: s.threatFooter },
  ];
  const subject = raised
    ? s.raisedSubject(badge, facts.caseId, term(lang, 'level', change.previousLevel!), firstSignal(facts))
    : s.threatSubject(badge, category, facts.post.platform, facts.caseId, firstSignal(facts));
  return { lang, subject, preheader: excerpt(facts.post.text, 120), blocks, headers: threatHeaders(facts, 'threat') };
}

/** The periodic summary of an open case that gained posts (reposts, quotes) without changing level. */
export function threatGrowthEmail(facts: ThreatFacts, change: CaseChangeFacts, lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const added = facts.postCount - change.previousCount;
  const lead = s.grownLead(added, facts.postCount);
  const blocks: Block[] = [
    { kind: 'title', tone: TONE[facts.level] ?? 'medium', badge: s.threatBadge[facts.level], text: s.grownTitle(facts.caseId) },
    { kind: 'lead', text: lead },
    ...caseBlocks(facts, lang, options),
    { kind: 'button', href: caseLink(options, facts.caseId), text: s.openCase },
    { kind: 'footer', text: s.threatFooter },
  ];
  return { lang, subject: s.grownSubject(facts.caseId, added, facts.postCount), preheader: lead, blocks, headers: threatHeaders(facts, 'threat-growth') };
}

/** Sent once when a critical case is still unacknowledged after the escalation time. */
export function escalationEmail(facts: EscalationFacts, lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const lead = s.escalationLead(facts.minutes, formatTime(facts.alertedAt, lang, options.timeZone));
  const blocks: Block[] = [
    { kind: 'title', tone: 'critical', badge: s.threatBadge.critical, text: s.escalationTitle },
    { kind: 'lead', text: lead },
    ...caseBlocks(facts.threat, lang, options),
    { kind: 'button', href: caseLink(options, facts.threat.caseId, true), text: s.ackCase },
    { kind: 'footer', text: s.escalationFooter },
  ];
  return { lang, subject: s.escalationSubject(facts.threat.caseId, facts.minutes), preheader: lead, blocks, headers: threatHeaders(facts.threat, 'escalation') };
}

/** New medium cases of one batch period in one email, each with its case id and link. */
export function threatBatchEmail(threats: readonly ThreatFacts[], lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const blocks: Block[] = [
    { kind: 'title', tone: 'medium', badge: s.threatBadge.medium, text: s.batchTitle },
    { kind: 'lead', text: s.batchLead(threats.length) },
  ];
  for (const t of threats) {
    blocks.push(
      { kind: 'heading', text: `${categoryLabel(t.categories, lang)} – ${s.caseId} ${t.caseId}` },
      { kind: 'posts', posts: [threatItem(t.post, t, lang, options.timeZone, 280)] },
      { kind: 'button', href: caseLink(options, t.caseId), text: s.openCase },
    );
  }
  blocks.push({ kind: 'footer', text: s.threatFooter });
  return { lang, subject: s.batchSubject(threats.length), preheader: s.batchLead(threats.length), blocks, headers: { 'X-Vaksam-Kind': 'threat-batch' } };
}
