import type { Narrative } from '../../catalogue/index.js';
import type { DiffLine, NarrativeSummary, NarrativeVersionInfo } from '../../catalogue-store/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, formatNumber, tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';
import { backtestPanel, narrativeForm } from './editor-view.js';

const T = {
  list: { sv: 'Narrativ', en: 'Narratives' },
  name: { sv: 'Namn', en: 'Name' },
  version: { sv: 'Version', en: 'Version' },
  matches: { sv: 'Träffar 7 d', en: 'Matches 7 d' },
  spreading: { sv: 'varav spridande', en: 'of which spreading' },
  state: { sv: 'Status', en: 'State' },
  on: { sv: 'aktiv', en: 'on' },
  off: { sv: 'avstängd', en: 'off' },
  updated: { sv: 'Ändrad', en: 'Updated' },
  history: { sv: 'Versioner', en: 'Versions' },
  by: { sv: 'Av', en: 'By' },
  when: { sv: 'När', en: 'When' },
  reason: { sv: 'Anledning', en: 'Reason' },
  current: { sv: 'gällande', en: 'current' },
  showDiff: { sv: 'visa ändringar', en: 'show changes' },
  restore: { sv: 'Återställ', en: 'Restore' },
  restoreReason: { sv: 'Anledning', en: 'Reason' },
  diffPrev: { sv: 'Ändringar mot version {v}', en: 'Changes from version {v}' },
  diffCurrent: { sv: 'Skillnad mot gällande version {v}', en: 'Difference from the current version {v}' },
  first: { sv: 'Första versionen.', en: 'The first version.' },
  problems: { sv: 'Utkastet sparades inte:', en: 'The draft was not saved:' },
  back: { sv: 'Tillbaka till narrativet', en: 'Back to the narrative' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  saved: { sv: 'Sparat som ny version.', en: 'Saved as a new version.' },
  unchanged: { sv: 'Inget ändrades; ingen ny version.', en: 'Nothing changed; no new version.' },
  restored: { sv: 'Versionen är återställd som en ny version.', en: 'The version was restored as a new version.' },
};

export interface NarrativeRow extends NarrativeSummary {
  titleText: string;
  matches: number;
  spreading: number;
}

export function narrativeListPage(ctx: PageContext, rows: NarrativeRow[]): SafeHtml {
  const { lang } = ctx;
  const body = html`<table class="cards">
<thead><tr><th>${tr(lang, T.name)}</th><th class="num">${tr(lang, T.matches)}</th><th class="num">${tr(lang, T.spreading)}</th><th>${tr(lang, T.state)}</th><th class="num">${tr(lang, T.version)}</th><th>${tr(lang, T.updated)}</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><td data-label="${tr(lang, T.name)}"><a href="/narratives/${r.slug}">${r.titleText}</a></td><td class="num" data-label="${tr(lang, T.matches)}">${formatNumber(lang, r.matches)}</td><td class="num" data-label="${tr(lang, T.spreading)}">${formatNumber(lang, r.spreading)}</td>
<td data-label="${tr(lang, T.state)}"><span class="badge">${tr(lang, r.enabled ? T.on : T.off)}</span></td><td class="num" data-label="${tr(lang, T.version)}">${r.version}</td><td data-label="${tr(lang, T.updated)}">${formatDateTime(lang, r.updatedAt)}</td></tr>`,
  )}</tbody></table>`;
  return page(ctx, { title: tr(lang, T.list), active: '/narratives', body });
}

export interface EditorView {
  title: string;
  narrative: Narrative;
  history: NarrativeVersionInfo[];
  editable: boolean;
  problems?: readonly string[];
  notice?: string;
  backtestDays: number;
  maxDays: number;
}

export function narrativeEditorPage(ctx: PageContext, view: EditorView): SafeHtml {
  const { lang } = ctx;
  const slug = view.narrative.slug;
  const body = html`${notice(ctx, view.notice, NOTICES)}
${view.problems && view.problems.length > 0 ? html`<div class="error" role="alert"><p>${tr(lang, T.problems)}</p><ul>${view.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
<div class="two">
  <div>${narrativeForm(ctx, view.narrative, { action: `/narratives/${slug}`, editable: view.editable, backtestDays: view.backtestDays, maxDays: view.maxDays })}</div>
  <div>${view.editable ? backtestPanel(ctx, { days: view.backtestDays, maxDays: view.maxDays }) : ''}
  <section class="card"><h2>${tr(lang, T.history)}</h2>${historyTable(ctx, slug, view.history)}</section></div>
</div>`;
  return page(ctx, { title: view.title, active: '/narratives', body });
}

function historyTable(ctx: PageContext, slug: string, history: NarrativeVersionInfo[]): SafeHtml {
  const { lang } = ctx;
  return html`<table class="small"><thead><tr><th>${tr(lang, T.version)}</th><th>${tr(lang, T.when)}</th><th>${tr(lang, T.by)}</th><th>${tr(lang, T.reason)}</th></tr></thead>
<tbody>${history.map(
    (h) => html`<tr><td><a href="/narratives/${slug}/versions/${h.version}">${h.version}</a>${h.current ? html` <span class="badge">${tr(lang, T.current)}</span>` : ''}</td>
<td>${formatDateTime(lang, h.createdAt)}</td><td>${h.createdBy}</td><td>${h.reason}</td></tr>`,
  )}</tbody></table>`;
}

export interface VersionView {
  titleText: string;
  slug: string;
  version: NarrativeVersionInfo;
  currentVersion: number;
  previous: { version: number; diff: DiffLine[] } | null;
  againstCurrent: DiffLine[] | null;
  editable: boolean;
}

export function narrativeVersionPage(ctx: PageContext, view: VersionView): SafeHtml {
  const { lang } = ctx;
  const v = view.version;
  const body = html`<p><a href="/narratives/${view.slug}">${tr(lang, T.back)}</a></p>
<dl class="facts"><dt>${tr(lang, T.when)}</dt><dd>${formatDateTime(lang, v.createdAt)}</dd><dt>${tr(lang, T.by)}</dt><dd>${v.createdBy}</dd><dt>${tr(lang, T.reason)}</dt><dd>${v.reason}</dd></dl>
${view.editable && !v.current
  ? html`<form method="post" action="/narratives/${view.slug}/restore" class="card narrow">${csrfField(ctx)}<input type="hidden" name="version" value="${v.version}">
<label>${tr(lang, T.restoreReason)}<input name="reason" required maxlength="500"></label><button type="submit" class="primary">${tr(lang, T.restore)} ${v.version}</button></form>`
  : ''}
<h2>${view.previous ? tr(lang, T.diffPrev, { v: view.previous.version }) : tr(lang, T.first)}</h2>
${view.previous ? diffBlock(view.previous.diff) : ''}
${view.againstCurrent ? html`<h2>${tr(lang, T.diffCurrent, { v: view.currentVersion })}</h2>${diffBlock(view.againstCurrent)}` : ''}`;
  return page(ctx, { title: `${view.titleText} · ${tr(lang, T.version)} ${v.version}`, active: '/narratives', body });
}

/** Changed lines with three lines of context, like `vaksam catalogue diff`. */
function diffBlock(lines: DiffLine[]): SafeHtml {
  const keep = lines.map((l, i) => l.op !== ' ' || lines.slice(Math.max(0, i - 3), i + 4).some((x) => x.op !== ' '));
  return html`<pre class="diff">${lines.map((l, i) => (keep[i] ? html`<span class="${l.op === '+' ? 'add' : l.op === '-' ? 'del' : ''}">${l.op} ${l.text}\n</span>` : ''))}</pre>`;
}
