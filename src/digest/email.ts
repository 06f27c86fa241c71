import { caseLink, categoryLabel, formatTime, narrativeTitle, postItem, threatItem, uiLink, type EmailOptions } from '../alerts/index.js';
import type { RecipientLanguage, RecipientRole } from '../db/schema/index.js';
import type { Block, EmailContent } from '../email/index.js';
import type { DailyChart } from './chart/daily-chart.js';
import { SERIES_COLORS } from './chart/daily-chart.js';
import { trendPercent, type DigestStats } from './stats.js';
import { capitalised, term } from '../vocabulary/index.js';
import { DIGEST_STRINGS } from './strings.js';

export const CHART_CID = 'daily-chart@vaksam';
/** Narratives drawn in the chart (more would be unreadable on a phone). */
export const CHART_SERIES = 5;

export interface DigestReader {
  language: RecipientLanguage;
  roles: RecipientRole[];
}

/**
 * One recipient's digest, shaped by role: communicators get narratives (counts, trend, chart, top posts, new ones,
 * the facts to reply with), security coordinators threats by level and the serious cases, admins source health.
 */
export function digestEmail(stats: DigestStats, reader: DigestReader, options: EmailOptions, chart: DailyChart | null): EmailContent {
  const lang = reader.language;
  const s = DIGEST_STRINGS[lang];
  const spreading = stats.narratives.reduce((n, x) => n + x.spreading, 0);
  const threatTotal = stats.threats.filter((t) => t.level !== 'low').reduce((n, t) => n + t.count, 0);
  const blocks: Block[] = [
    { kind: 'title', tone: 'info', text: s.title(stats.week) },
    { kind: 'paragraph', text: s.period(formatTime(stats.start, lang, options.timeZone), formatTime(new Date(Date.parse(stats.end) - 60_000), lang, options.timeZone)) },
  ];
  const attachments = [];
  const communications = reader.roles.includes('communications') || reader.roles.includes('admin');
  if (communications) {
    blocks.push(...narrativeBlocks(stats, lang, options, chart), ...concernBlocks(stats, lang, options));
    if (chart && stats.narratives.length > 0) attachments.push({ cid: CHART_CID, filename: 'chart.png', contentType: 'image/png', content: chart.png });
  }
  if (reader.roles.includes('security')) blocks.push(...threatBlocks(stats, lang, options));
  if (reader.roles.includes('admin')) blocks.push(...sourceBlocks(stats, lang));
  blocks.push({ kind: 'button', href: digestLink(options, stats.week), text: s.openUi });
  blocks.push({ kind: 'footer', text: s.footer(reader.roles.map((r) => s.roles[r]).join(', ')) });
  const subject = s.subject(stats.week, spreading, threatTotal);
  return { lang, subject, preheader: subject, blocks, attachments, headers: { 'X-Vaksam-Kind': 'digest', 'X-Vaksam-Week': stats.week } };
}

/** The digest page of the week in the web UI: the same sections, for the signed-in user's role. */
export function digestLink(options: EmailOptions, week: string): string {
  return uiLink(options.uiBaseUrl, `/digest/${encodeURIComponent(week)}`);
}

function narrativeBlocks(stats: DigestStats, lang: RecipientLanguage, options: EmailOptions, chart: DailyChart | null): Block[] {
  const s = DIGEST_STRINGS[lang];
  const blocks: Block[] = [{ kind: 'heading', text: s.narratives }];
  if (stats.narratives.length === 0) return [...blocks, { kind: 'paragraph', text: s.noNarratives }];
  blocks.push({
    kind: 'table',
    head: [s.narrative, s.spreading, s.texts, s.accounts, s.trend, s.replies],
    rows: stats.narratives.map((n) => [
      narrativeTitle(n.narrative, lang),
      String(n.spreading),
      String(n.texts),
      String(n.accounts),
      n.isNew ? s.newNarrative : (trendPercent(n.spreading, n.previousSpreading) ?? '–'),
      String(n.countering),
    ]),
  });
  if (stats.coordination) {
    const period = `stance=spreading&from=${encodeURIComponent(stats.start)}&to=${encodeURIComponent(stats.end)}`;
    blocks.push(
      { kind: 'heading', text: s.coordinationHeading },
      { kind: 'paragraph', text: s.coordinationText(stats.coordination.networks, stats.coordination.accounts, stats.coordination.shared) },
      { kind: 'button', href: uiLink(options.uiBaseUrl, `/coordination?${period}`), text: s.openCoordination },
    );
  }
  const fresh = stats.narratives.filter((n) => n.isNew).map((n) => narrativeTitle(n.narrative, lang));
  if (fresh.length > 0) blocks.push({ kind: 'paragraph', text: s.newNarratives(fresh.join(', ')) });
  if (chart) {
    const drawn = stats.narratives.slice(0, CHART_SERIES);
    blocks.push(
      { kind: 'image', cid: CHART_CID, alt: s.chartAlt, width: chart.width, height: chart.height },
      { kind: 'legend', items: drawn.map((n, i) => ({ color: SERIES_COLORS[i % SERIES_COLORS.length]!, label: narrativeTitle(n.narrative, lang) })) },
    );
  }
  const top = stats.narratives.find((n) => n.topPosts.length > 0);
  if (top) {
    blocks.push({ kind: 'heading', text: s.topPosts(narrativeTitle(top.narrative, lang)) });
    blocks.push({
      kind: 'posts',
      posts: top.topPosts.map((p) => postItem(p, lang, options.timeZone)),
    });
    const counter = top.narrative.counterFacts[lang] ?? top.narrative.counterFacts.sv;
    if (counter) blocks.push({ kind: 'quote', label: s.counterFacts, text: counter });
  }
  return blocks;
}

/** Genuine concerns, apart from the narratives: communicators are asked to listen to them, not only to answer. */
function concernBlocks(stats: DigestStats, lang: RecipientLanguage, options: EmailOptions): Block[] {
  const s = DIGEST_STRINGS[lang];
  const blocks: Block[] = [{ kind: 'heading', text: s.concerns }];
  if (stats.concerns.length === 0) return [...blocks, { kind: 'paragraph', text: s.noConcerns }];
  blocks.push(
    { kind: 'paragraph', text: s.concernsLead },
    { kind: 'table', head: [s.concernsTouching, s.concernPosts], rows: stats.concerns.map((c) => [narrativeTitle(c.narrative, lang), String(c.count)]) },
  );
  // Each post once, though it may touch several narratives; as many as the digest shows top posts of one narrative.
  const seen = new Set<number | null>();
  const posts = stats.concerns.flatMap((c) => c.posts).filter((p) => !seen.has(p.id) && seen.add(p.id));
  const shown = posts.slice(0, Math.max(...stats.concerns.map((c) => c.posts.length)));
  if (shown.length > 0) blocks.push({ kind: 'posts', posts: shown.map((p) => postItem(p, lang, options.timeZone)) });
  return blocks;
}

const CASE_STATUS_ORDER = ['new', 'acknowledged', 'escalated', 'dismissed'] as const;

function threatBlocks(stats: DigestStats, lang: RecipientLanguage, options: EmailOptions): Block[] {
  const s = DIGEST_STRINGS[lang];
  const blocks: Block[] = [
    { kind: 'heading', text: s.threats },
    { kind: 'table', head: [s.level, s.thisWeek, s.lastWeek], rows: stats.threats.map((t) => [capitalised(term(lang, 'level', t.level)), String(t.count), String(t.previous)]) },
    { kind: 'heading', text: s.review },
    { kind: 'paragraph', text: s.openCases(stats.caseReview.open) },
  ];
  if (stats.caseReview.opened.length > 0) {
    blocks.push({
      kind: 'table',
      head: [s.status, s.openedThisWeek],
      rows: CASE_STATUS_ORDER.filter((st) => stats.caseReview.opened.some((o) => o.status === st)).map((st) => [
        capitalised(term(lang, 'caseStatus', st)),
        String(stats.caseReview.opened.find((o) => o.status === st)!.count),
      ]),
    });
  }
  blocks.push({ kind: 'heading', text: s.cases });
  if (stats.cases.length === 0) return [...blocks, { kind: 'paragraph', text: s.noCases }];
  for (const c of stats.cases) {
    blocks.push({ kind: 'paragraph', text: `${capitalised(term(lang, 'level', c.level))} · ${categoryLabel(c.categories, lang)} · ${s.caseId} ${c.caseId}` });
    blocks.push({ kind: 'posts', posts: [threatItem(c.post, c, lang, options.timeZone, 200)] });
    blocks.push({ kind: 'button', href: caseLink(options, c.caseId), text: s.openCase });
  }
  return blocks;
}

function sourceBlocks(stats: DigestStats, lang: RecipientLanguage): Block[] {
  const s = DIGEST_STRINGS[lang];
  const healthy = stats.sources.byHealth.healthy ?? 0;
  const blocks: Block[] = [
    { kind: 'heading', text: s.sources },
    { kind: 'paragraph', text: s.sourcesLead(stats.sources.total, healthy) },
    { kind: 'facts', rows: Object.entries(stats.sources.byHealth).map(([health, n]) => [capitalised(term(lang, 'health', health)), String(n)]) },
  ];
  if (stats.sources.attention.length > 0) {
    blocks.push({ kind: 'paragraph', text: `${s.attention}:\n${stats.sources.attention.map((a) => `• ${a.name} (${term(lang, 'sourceKind', a.kind)}): ${term(lang, 'health', a.health)}${a.lastErrorCode ? `, ${a.lastErrorCode}` : ''}`).join('\n')}` });
  }
  return blocks;
}
