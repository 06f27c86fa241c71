import type { VoicesRow } from '../../db/queries/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { svgChart } from '../views/chart.js';
import { formatDateTime, formatDay, formatNumber, tr, type Text } from '../views/i18n.js';
import { badge, capitalised, term, terms } from '../views/labels.js';
import { page, type PageContext } from '../views/layout.js';
import { titleOf, type NarrativeTitles } from '../narratives/titles.js';
import type { ActiveSurge, DailyCounts, SourceHealthSummary } from './queries.js';

const T = {
  title: { sv: 'Översikt', en: 'Overview' },
  postsPerDay: { sv: 'Insamlade inlägg per dag', en: 'Posts collected per day' },
  matchesPerDay: { sv: 'Träffar per narrativ och dag', en: 'Matches per narrative per day' },
  noMatches: { sv: 'Inga träffar de senaste {days} dagarna.', en: 'No matches in the last {days} days.' },
  surges: { sv: 'Pågående ökningar', en: 'Current surges' },
  noSurges: { sv: 'Ingen narrativ ökar just nu.', en: 'No narrative is surging right now.' },
  since: { sv: 'sedan {time}', en: 'since {time}' },
  posts: { sv: 'senaste larmet: {n}', en: 'last alert: {n}' },
  voices: { sv: 'Spridning: inlägg, texter, konton', en: 'Spreading: posts, texts, accounts' },
  voicesLine: { sv: '{posts} inlägg · {texts} texter · {accounts} konton', en: '{posts} posts · {texts} texts · {accounts} accounts' },
  noVoices: { sv: 'Inga spridande inlägg under perioden.', en: 'No spreading posts in the period.' },
  coordination: { sv: 'Samordnad delning', en: 'Coordinated sharing' },
  threats: { sv: 'Hot', en: 'Threats' },
  openCases: { sv: 'öppna hotärenden', en: 'open threat cases' },
  threatLevels: { sv: 'Hotbedömda inlägg senaste 7 dagarna', en: 'Posts assessed as threats, last 7 days' },
  toQueue: { sv: 'Till granskningskön', en: 'Open the review queue' },
  sources: { sv: 'Källornas hälsa', en: 'Source health' },
  allHealthy: { sv: 'Alla aktiva källor fungerar.', en: 'Every active source works.' },
  lastOk: { sv: 'senast lyckad {time}', en: 'last success {time}' },
  days: { sv: 'Dagar', en: 'Days' },
  show: { sv: 'Visa', en: 'Show' },
  unreached: { sv: 'Ingen tar emot larm för: {roles}.', en: 'Nobody receives alerts for: {roles}.' },
  unreachedHelp: {
    sv: 'Larmen väntar och skickas till den första mottagare som läggs till för rollen. Väntande larm: {n}.',
    en: 'The alerts wait and go to the first recipient added for the role. Alerts waiting: {n}.',
  },
  addRecipient: { sv: 'Lägg till mottagare', en: 'Add a recipient' },
  askAdmin: { sv: 'Be en administratör lägga till mottagare.', en: 'Ask an administrator to add recipients.' },
  digest: { sv: 'Förra veckans sammanfattning', en: "Last week's digest" },
} satisfies Record<string, Text>;

export interface OverviewView {
  daysBack: number;
  counts: DailyCounts;
  titles: NarrativeTitles;
  surges: ActiveSurge[];
  health: SourceHealthSummary;
  /** Present for roles that may see threats. */
  threats: { openCases: number | null; levels: Record<string, number> } | null;
  /** Roles nobody receives alerts for (first run), and how many alerts wait. */
  unreached: { roles: string[]; waiting: number };
  /** Spreading posts, distinct texts and distinct accounts per narrative in the period (issue 18). */
  voices: VoicesRow[];
}

export function overviewPage(ctx: PageContext, view: OverviewView): SafeHtml {
  const { lang } = ctx;
  const xLabels = view.counts.days.map((d) => formatDay(lang, new Date(`${d}T12:00:00Z`)));
  const lines = [...view.counts.matches].map(([slug, values]) => ({ label: titleOf(view.titles, slug, lang), values }));
  const body = html`${unreachedNotice(ctx, view.unreached)}
<form method="get" action="/" class="filters"><label>${tr(lang, T.days)}
  <select name="days">${[7, 14, 30, 90].map((d) => html`<option value="${d}"${d === view.daysBack ? html` selected` : ''}>${d}</option>`)}</select></label>
  <button type="submit">${tr(lang, T.show)}</button> <a href="/digest">${tr(lang, T.digest)}</a></form>
<div class="grid">
  <section class="card"><h2>${tr(lang, T.surges)}</h2>${surgeList(ctx, view)}</section>
  ${view.threats ? threatCard(ctx, view.threats) : ''}
  <section class="card"><h2>${tr(lang, T.sources)}</h2>${healthSummary(ctx, view.health)}</section>
  <section class="card"><h2>${tr(lang, T.voices)}</h2>${voiceList(ctx, view)}</section>
</div>
<section><h2>${tr(lang, T.matchesPerDay)}</h2>
${lines.length > 0 ? svgChart({ title: tr(lang, T.matchesPerDay), xLabels, kind: 'lines', series: lines }) : html`<p class="muted">${tr(lang, T.noMatches, { days: view.daysBack })}</p>`}
</section>
<section><h2>${tr(lang, T.postsPerDay)}</h2>
${svgChart({ title: tr(lang, T.postsPerDay), xLabels, kind: 'bars', series: [{ label: tr(lang, T.postsPerDay), values: view.counts.posts }] })}
</section>`;
  return page(ctx, { title: tr(lang, T.title), active: '/', body });
}

function voiceList(ctx: PageContext, view: OverviewView): SafeHtml {
  const { lang } = ctx;
  if (view.voices.length === 0) return html`<p class="muted">${tr(lang, T.noVoices)}</p>`;
  const sorted = [...view.voices].sort((a, b) => b.accounts - a.accounts || a.slug.localeCompare(b.slug));
  return html`<ul>${sorted.map(
    (v) => html`<li><a href="/clusters?narrative=${encodeURIComponent(v.slug)}&amp;stance=spreading&amp;days=${view.daysBack}">${titleOf(view.titles, v.slug, lang)}</a>
      <span class="small muted">${tr(lang, T.voicesLine, { posts: v.posts, texts: v.texts, accounts: v.accounts })}</span></li>`,
  )}</ul>
<p class="small"><a href="/coordination?stance=spreading&amp;days=${Math.min(view.daysBack, 90)}">${tr(lang, T.coordination)}</a></p>`;
}

function surgeList(ctx: PageContext, view: OverviewView): SafeHtml {
  const { lang } = ctx;
  if (view.surges.length === 0) return html`<p class="muted">${tr(lang, T.noSurges)}</p>`;
  return html`<ul>${view.surges.map(
    (s) => html`<li><a href="/narratives/${s.slug}">${titleOf(view.titles, s.slug, lang)}</a> <span class="badge">${term(lang, 'surgeChannel', s.channel)}</span>
      <span class="small muted">${tr(lang, T.since, { time: formatDateTime(lang, s.since) })}; ${tr(lang, T.posts, { n: s.lastAlertCount })}</span></li>`,
  )}</ul>`;
}

function threatCard(ctx: PageContext, threats: NonNullable<OverviewView['threats']>): SafeHtml {
  const { lang } = ctx;
  return html`<section class="card"><h2>${tr(lang, T.threats)}</h2>
${threats.openCases === null ? '' : html`<p><span class="stat">${formatNumber(lang, threats.openCases)}</span> ${tr(lang, T.openCases)}</p>`}
<p class="small">${tr(lang, T.threatLevels)}:</p>
<p>${['critical', 'high', 'medium', 'low'].map((level) => html`<span class="badge ${level}">${capitalised(term(lang, 'level', level))}: ${threats.levels[level] ?? 0}</span> `)}</p>
<p><a href="/threats">${tr(lang, T.toQueue)}</a></p></section>`;
}

function healthSummary(ctx: PageContext, health: SourceHealthSummary): SafeHtml {
  const { lang } = ctx;
  return html`<p>${Object.entries(health.counts).map(([state, n]) => html`<span class="badge ${state}">${capitalised(term(lang, 'health', state))}: ${n}</span> `)}</p>
${health.troubled.length === 0
  ? html`<p class="muted">${tr(lang, T.allHealthy)}</p>`
  : html`<ul>${health.troubled.map((s) => html`<li><a href="/sources/${s.id}">${s.name}</a> ${badge(lang, 'health', s.health)} <span class="small muted">${s.lastErrorCode ?? ''} · ${tr(lang, T.lastOk, { time: formatDateTime(lang, s.lastSuccessAt) })}</span></li>`)}</ul>`}`;
}

function unreachedNotice(ctx: PageContext, unreached: OverviewView['unreached']): SafeHtml | '' {
  if (unreached.roles.length === 0) return '';
  const { lang } = ctx;
  return html`<div class="warning" role="status"><p><strong>${tr(lang, T.unreached, { roles: terms(lang, 'role', unreached.roles) })}</strong></p>
<p>${tr(lang, T.unreachedHelp, { n: unreached.waiting })}</p>
<p>${ctx.user?.role === 'admin' ? html`<a class="button primary" href="/recipients">${tr(lang, T.addRecipient)}</a>` : tr(lang, T.askAdmin)}</p></div>`;
}
