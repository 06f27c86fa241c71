import type { Block, EmailContent, MailLanguage, Tone } from '../../mail/index.js';
import { excerpt } from '../../mail/index.js';
import type { EmailOptions, ThreatFacts } from './facts.js';
import { threatItem } from './post-items.js';
import { formatTime, STRINGS, uiLink } from './strings.js';

const TONE: Record<string, Tone> = { critical: 'critical', high: 'high', medium: 'medium' };

export function categoryLabel(categories: readonly string[], lang: MailLanguage): string {
  const names = STRINGS[lang].categories;
  return categories.map((c) => names[c] ?? c).join(', ') || names.threat!;
}

/** One threat: level, category, the marked signals, link to the post, and the case id for the review queue. */
export function threatEmail(facts: ThreatFacts, lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const badge = s.threatBadge[facts.level];
  const category = categoryLabel(facts.categories, lang);
  const signal = excerpt(facts.signals[0]?.text ?? '', 60);
  const blocks: Block[] = [
    { kind: 'title', tone: TONE[facts.level] ?? 'medium', badge, text: s.threatTitle(category) },
    {
      kind: 'facts',
      rows: [
        [s.level, badge],
        [s.category, category],
        [s.platform, facts.post.platform],
        [s.published, formatTime(facts.post.at, lang, options.timeZone)],
        [s.caseId, String(facts.post.id)],
      ],
    },
    { kind: 'posts', posts: [threatItem(facts.post, facts.signals, lang, options.timeZone)] },
  ];
  if (facts.signals.length > 0) {
    blocks.push({ kind: 'heading', text: s.signals }, { kind: 'paragraph', text: facts.signals.map((x) => `• ${excerpt(x.text, 120)} (${x.kind})`).join('\n') });
  }
  const link = uiLink(options.uiBaseUrl, `/cases/${facts.post.id}`);
  if (link) blocks.push({ kind: 'button', href: link, text: s.openCase });
  blocks.push({ kind: 'footer', text: s.threatFooter });
  const headers: Record<string, string> = { 'X-Vaksam-Kind': 'threat', 'X-Vaksam-Case': String(facts.post.id) };
  if (facts.level === 'critical') Object.assign(headers, { 'X-Priority': '1', Importance: 'high' });
  return {
    lang,
    subject: s.threatSubject(badge, category, facts.post.platform, facts.post.id, signal),
    preheader: excerpt(facts.post.text, 120),
    blocks,
    headers,
  };
}

/** Medium threats of one batch period in one email. */
export function threatBatchEmail(threats: readonly ThreatFacts[], lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const blocks: Block[] = [
    { kind: 'title', tone: 'medium', badge: s.threatBadge.medium, text: s.batchTitle },
    { kind: 'lead', text: s.batchLead(threats.length) },
  ];
  for (const t of threats) {
    const item = threatItem(t.post, t.signals, lang, options.timeZone, 280);
    const link = uiLink(options.uiBaseUrl, `/cases/${t.post.id}`);
    blocks.push({ kind: 'heading', text: `${categoryLabel(t.categories, lang)} – ${s.caseId} ${t.post.id}` }, { kind: 'posts', posts: [item] });
    if (link) blocks.push({ kind: 'button', href: link, text: s.openCase });
  }
  blocks.push({ kind: 'footer', text: s.threatFooter });
  return { lang, subject: s.batchSubject(threats.length), preheader: s.batchLead(threats.length), blocks, headers: { 'X-Vaksam-Kind': 'threat-batch' } };
}
