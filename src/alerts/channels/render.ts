import { cleanHeader, cleanText, excerpt, safeHref, type Block, type EmailContent, type Highlight, type PostItem, type Tone } from '../../email/index.js';

/**
 * What a chat message, webhook event or SMS says, taken from the alert's email content (so every channel says what
 * the email says, in the channel's language): badge, title, lead, facts, the first post and the first link.
 */
export interface ChannelMessage {
  lang: string;
  tone: Tone;
  badge: string | null;
  title: string;
  lead: string | null;
  facts: [string, string][];
  post: PostItem | null;
  link: { href: string; text: string } | null;
}

const MAX_FACTS = 8;
const POST_CHARS = 600;

export function channelMessage(content: EmailContent): ChannelMessage {
  const find = <K extends Block['kind']>(kind: K) => content.blocks.find((b): b is Extract<Block, { kind: K }> => b.kind === kind);
  const title = find('title');
  const lead = find('lead') ?? find('paragraph');
  const post = find('posts')?.posts[0] ?? null;
  const button = find('button');
  const href = button ? safeHref(button.href) : null;
  return {
    lang: content.lang,
    tone: title?.tone ?? 'info',
    badge: title?.badge ? cleanHeader(title.badge) : null,
    title: cleanHeader(title?.text ?? content.subject, 200),
    lead: lead ? excerpt(lead.text, 500) : null,
    facts: (find('facts')?.rows ?? []).slice(0, MAX_FACTS).map(([k, v]) => [cleanHeader(k, 60), cleanHeader(v, 300)]),
    post: post ? { ...post, meta: cleanHeader(post.meta, 200), text: cleanText(post.text) } : null,
    link: button && href ? { href, text: cleanHeader(button.text, 60) } : null,
  };
}

/** The post's text cut to a readable length, with its highlights split out as runs (for Teams and Slack). */
function runs(post: PostItem): { text: string; marked: boolean }[] {
  const text = Array.from(post.text).length > POST_CHARS ? excerpt(post.text, POST_CHARS) : post.text;
  const spans = [...(post.highlights ?? [])].filter((h: Highlight) => h.start >= 0 && h.end > h.start && h.end <= text.length).sort((a, b) => a.start - b.start);
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const h of spans) {
    if (h.start < at) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), marked: false });
    out.push({ text: text.slice(h.start, h.end), marked: true });
    at = h.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

const TEAMS_COLOR: Record<Tone, string> = { critical: 'Attention', high: 'Attention', medium: 'Warning', info: 'Accent' };

/**
 * A Microsoft Teams message with an Adaptive Card (1.4), as Workflows ("When a Teams webhook request is received") and
 * incoming webhooks take it. Every text from a post goes in TextRuns, which Teams never reads as Markdown.
 */
export function teamsPayload(m: ChannelMessage): Record<string, unknown> {
  const line = (inlines: object[]) => ({ type: 'RichTextBlock', inlines });
  const run = (text: string, extra: object = {}) => ({ type: 'TextRun', text, ...extra });
  const body: object[] = [];
  if (m.badge) body.push(line([run(m.badge, { weight: 'Bolder', size: 'Small', color: TEAMS_COLOR[m.tone] })]));
  body.push(line([run(m.title, { weight: 'Bolder', size: 'Large', color: m.tone === 'info' ? 'Default' : TEAMS_COLOR[m.tone] })]));
  if (m.lead) body.push(line([run(m.lead)]));
  for (const [label, value] of m.facts) body.push(line([run(`${label}: `, { weight: 'Bolder' }), run(value)]));
  if (m.post) {
    body.push(line([run(m.post.meta, { isSubtle: true, size: 'Small' })]));
    body.push(line(runs(m.post).map((r) => run(r.text, r.marked ? { highlight: true, weight: 'Bolder' } : {}))));
  }
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    actions: m.link ? [{ type: 'Action.OpenUrl', title: m.link.text, url: m.link.href }] : [],
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

/** Slack's mrkdwn needs &, < and > escaped; nothing else in it can make a link or a mention. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const cut = (text: string, max: number) => (Array.from(text).length > max ? excerpt(text, max) : text);

/** A Slack incoming-webhook message in Block Kit: header, lead, facts as fields, the post, a button to Vaksam. */
export function slackPayload(m: ChannelMessage): Record<string, unknown> {
  const heading = m.badge ? `${m.badge}: ${m.title}` : m.title;
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: cut(heading, 150), emoji: false } }];
  if (m.lead) blocks.push({ type: 'section', text: { type: 'plain_text', text: cut(m.lead, 3000), emoji: false } });
  if (m.facts.length > 0) {
    blocks.push({ type: 'section', fields: m.facts.slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: cut(`*${slackEscape(k)}*\n${slackEscape(v)}`, 2000) })) });
  }
  if (m.post) {
    const text = runs(m.post)
      .map((r) => (r.marked ? `*${slackEscape(r.text.replace(/\*/g, ''))}*` : slackEscape(r.text)))
      .join('');
    blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: cut(m.post.meta, 300), emoji: false }] });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } });
  }
  if (m.link) {
    const button: Record<string, unknown> = { type: 'button', text: { type: 'plain_text', text: m.link.text, emoji: false }, url: m.link.href };
    if (m.tone === 'critical' || m.tone === 'high') button.style = 'danger';
    blocks.push({ type: 'actions', elements: [button] });
  }
  return { text: slackEscape(heading), blocks };
}

/** Identity of the alert a channel message belongs to. */
export interface AlertMeta {
  dedupeKey: string;
  kind: string;
  severity: string;
  subject: string;
  createdAt: Date;
}

/**
 * The generic webhook event: stable fields a receiving system can route on, and the same words as the email.
 * `id` is the alert's dedupe key: an event delivered twice (a retry after a lost reply) carries the same id.
 */
export function webhookEvent(m: ChannelMessage, alert: AlertMeta): Record<string, unknown> {
  return {
    id: alert.dedupeKey,
    type: `vaksam.alert.${alert.kind}`,
    kind: alert.kind,
    severity: alert.severity,
    subject: alert.subject,
    createdAt: alert.createdAt.toISOString(),
    lang: m.lang,
    title: m.badge ? `${m.badge}: ${m.title}` : m.title,
    summary: m.lead ?? (m.post ? excerpt(m.post.text, 280) : null),
    facts: m.facts.map(([label, value]) => ({ label, value })),
    url: m.link?.href ?? null,
  };
}

/** SMS stays short and holds no post text: what, which case, and the link to act on it. */
export function smsText(m: ChannelMessage): string {
  const caseFact = m.facts[0] ? `${m.facts[0][0]} ${m.facts[0][1]}. ` : '';
  const text = `Vaksam ${m.badge ? `${m.badge}: ` : ''}${m.title}. ${caseFact}${m.link?.href ?? ''}`.trim();
  return cut(text, 300);
}
