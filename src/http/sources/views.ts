import type { recentFetchRuns, SourceRow } from '../../db/queries/index.js';
import { capitalised, term } from '../../vocabulary/index.js';
import type { CollectResult } from '../../sources/index.js';
import { externalLink, html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { formatDateTime, formatNumber, tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

const T = {
  title: { sv: 'Källor', en: 'Sources' },
  name: { sv: 'Namn', en: 'Name' },
  kind: { sv: 'Typ', en: 'Kind' },
  health: { sv: 'Hälsa', en: 'Health' },
  lastOk: { sv: 'Senast lyckad', en: 'Last success' },
  lastItems: { sv: 'Senast nya inlägg', en: 'Last new items' },
  items: { sv: 'Inlägg', en: 'Items' },
  error: { sv: 'Senaste fel', en: 'Last error' },
  every: { sv: 'var {n} min', en: 'every {n} min' },
  paused: { sv: 'pausad', en: 'paused' },
  test: { sv: 'Testa nu', en: 'Test now' },
  pause: { sv: 'Pausa', en: 'Pause' },
  resume: { sv: 'Återuppta', en: 'Resume' },
  posts: { sv: 'inlägg', en: 'posts' },
  testTitle: { sv: 'Test av {name}', en: 'Test of {name}' },
  testHelp: { sv: 'En provhämtning: inget sparades.', en: 'A dry run: nothing was stored.' },
  failed: { sv: 'Hämtningen misslyckades', en: 'The fetch failed' },
  found: { sv: '{n} inlägg hittades, {q} i karantän, HTTP {status}, {bytes} byte.', en: '{n} items found, {q} quarantined, HTTP {status}, {bytes} bytes.' },
  notModified: { sv: 'Oförändrat sedan senast (304).', en: 'Not modified since last time (304).' },
  warnings: { sv: 'Varningar', en: 'Warnings' },
  back: { sv: 'Tillbaka till källorna', en: 'Back to the sources' },
  details: { sv: 'Detaljer och körningar', en: 'Details and runs' },
  source: { sv: 'Källa: {name}', en: 'Source: {name}' },
  address: { sv: 'Adress', en: 'Address' },
  schedule: { sv: 'Schema', en: 'Schedule' },
  runs: { sv: 'Senaste körningarna', en: 'Latest runs' },
  started: { sv: 'Start', en: 'Started' },
  status: { sv: 'Utfall', en: 'Outcome' },
  newItems: { sv: 'Nya', en: 'New' },
  noRuns: { sv: 'Inga körningar ännu.', en: 'No runs yet.' },
  failures: { sv: 'Misslyckanden i rad', en: 'Failures in a row' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  paused: { sv: 'Källan är pausad.', en: 'The source is paused.' },
  resumed: { sv: 'Källan hämtas igen.', en: 'The source is collected again.' },
};

export function sourcesPage(ctx: PageContext, rows: SourceRow[], options: { canWrite: boolean; notice?: string }): SafeHtml {
  const { lang } = ctx;
  const body = html`${notice(ctx, options.notice, NOTICES)}<table class="cards">
<thead><tr><th>${tr(lang, T.name)}</th><th>${tr(lang, T.kind)}</th><th>${tr(lang, T.health)}</th><th>${tr(lang, T.lastOk)}</th><th>${tr(lang, T.lastItems)}</th><th class="num">${tr(lang, T.items)}</th><th>${tr(lang, T.error)}</th>${options.canWrite ? html`<th></th>` : ''}</tr></thead>
<tbody>${rows.map((s) => sourceRow(ctx, s, options.canWrite))}</tbody></table>`;
  return page(ctx, { title: tr(lang, T.title), active: '/sources', body });
}

function sourceRow(ctx: PageContext, s: SourceRow, canWrite: boolean): SafeHtml {
  const { lang } = ctx;
  return html`<tr id="source-${s.id}">
<td data-label="${tr(lang, T.name)}"><a href="/sources/${s.id}">${s.name}</a><br><span class="small muted">${s.enabled ? tr(lang, T.every, { n: s.everyMinutes }) : tr(lang, T.paused)} · <a href="${pathWithQuery('/posts', { source: s.id })}">${tr(lang, T.posts)}</a></span></td>
<td data-label="${tr(lang, T.kind)}">${capitalised(term(lang, 'sourceKind', s.kind))}</td>
<td data-label="${tr(lang, T.health)}">${healthBadge(lang, s.health)}${s.consecutiveFailures > 0 ? html` <span class="small">×${s.consecutiveFailures}</span>` : ''}</td>
<td data-label="${tr(lang, T.lastOk)}">${formatDateTime(lang, s.lastSuccessAt)}</td>
<td data-label="${tr(lang, T.lastItems)}">${formatDateTime(lang, s.lastItemsAt)}</td>
<td class="num" data-label="${tr(lang, T.items)}">${formatNumber(lang, s.itemsTotal)}</td>
<td class="small" data-label="${tr(lang, T.error)}">${s.lastErrorCode ? html`<code>${s.lastErrorCode}</code> ${s.lastError ?? ''}<br><span class="muted">${formatDateTime(lang, s.lastErrorAt)}</span>` : '–'}</td>
${canWrite
  ? html`<td class="actions"><form method="post" action="/sources/${s.id}/test" class="inline">${csrfField(ctx)}<button type="submit">${tr(lang, T.test)}</button></form>
<form method="post" action="/sources/${s.id}/${s.enabled ? 'pause' : 'resume'}" class="inline">${csrfField(ctx)}<button type="submit">${tr(lang, s.enabled ? T.pause : T.resume)}</button></form></td>`
  : ''}
</tr>`;
}

export type TestOutcome = { ok: true; result: CollectResult } | { ok: false; code: string; message: string };

export function sourceTestPage(ctx: PageContext, source: SourceRow, outcome: TestOutcome): SafeHtml {
  const { lang } = ctx;
  const body = html`<p><a href="/sources#source-${source.id}">${tr(lang, T.back)}</a></p><p class="muted">${tr(lang, T.testHelp)}</p>
${outcome.ok ? testResult(ctx, outcome.result) : html`<div class="error" role="alert"><p>${tr(lang, T.failed)}: <code>${outcome.code}</code></p><p>${outcome.message}</p></div>`}`;
  return page(ctx, { title: tr(lang, T.testTitle, { name: source.name }), active: '/sources', body });
}

function testResult(ctx: PageContext, result: CollectResult): SafeHtml {
  const { lang } = ctx;
  return html`<p class="notice" role="status">${result.notModified ? tr(lang, T.notModified) : tr(lang, T.found, { n: result.items.length, q: result.quarantined.length, status: result.httpStatus ?? '–', bytes: formatNumber(lang, result.bytes) })}</p>
${result.warnings.length > 0 ? html`<h2>${tr(lang, T.warnings)}</h2><ul>${result.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<ol>${result.items.slice(0, 20).map((item) => html`<li><span dir="auto">${item.title || item.text.slice(0, 140)}</span> <span class="small muted">${formatDateTime(lang, item.publishedAt)}</span></li>`)}</ol>`;
}

export function healthBadge(lang: PageContext['lang'], health: string): SafeHtml {
  return html`<span class="badge ${health}">${term(lang, 'health', health)}</span>`;
}

type FetchRun = Awaited<ReturnType<typeof recentFetchRuns>>[number];

/** One source: what it is, how it is doing, and its last runs (where a silent-source alert leads). */
export function sourcePage(ctx: PageContext, s: SourceRow, runs: FetchRun[], canWrite: boolean): SafeHtml {
  const { lang } = ctx;
  const body = html`<p><a href="/sources#source-${s.id}">${tr(lang, T.back)}</a></p>
<dl class="facts card">
<dt>${tr(lang, T.kind)}</dt><dd>${capitalised(term(lang, 'sourceKind', s.kind))}</dd>
<dt>${tr(lang, T.address)}</dt><dd>${externalLink(s.url)}</dd>
<dt>${tr(lang, T.schedule)}</dt><dd>${s.enabled ? tr(lang, T.every, { n: s.everyMinutes }) : tr(lang, T.paused)}</dd>
<dt>${tr(lang, T.health)}</dt><dd>${healthBadge(lang, s.health)}</dd>
<dt>${tr(lang, T.failures)}</dt><dd>${s.consecutiveFailures}</dd>
<dt>${tr(lang, T.lastOk)}</dt><dd>${formatDateTime(lang, s.lastSuccessAt)}</dd>
<dt>${tr(lang, T.lastItems)}</dt><dd>${formatDateTime(lang, s.lastItemsAt)}</dd>
<dt>${tr(lang, T.items)}</dt><dd><a href="${pathWithQuery('/posts', { source: s.id })}">${formatNumber(lang, s.itemsTotal)}</a></dd>
<dt>${tr(lang, T.error)}</dt><dd>${s.lastErrorCode ? html`<code>${s.lastErrorCode}</code> ${s.lastError ?? ''} <span class="small muted">${formatDateTime(lang, s.lastErrorAt)}</span>` : '–'}</dd>
</dl>
${canWrite
  ? html`<p><form method="post" action="/sources/${s.id}/test" class="inline">${csrfField(ctx)}<button type="submit">${tr(lang, T.test)}</button></form>
<form method="post" action="/sources/${s.id}/${s.enabled ? 'pause' : 'resume'}" class="inline">${csrfField(ctx)}<button type="submit">${tr(lang, s.enabled ? T.pause : T.resume)}</button></form></p>`
  : ''}
<h2>${tr(lang, T.runs)}</h2>
${runs.length === 0
  ? html`<p class="muted">${tr(lang, T.noRuns)}</p>`
  : html`<table class="cards"><thead><tr><th>${tr(lang, T.started)}</th><th>${tr(lang, T.status)}</th><th class="num">${tr(lang, T.newItems)}</th><th>${tr(lang, T.error)}</th></tr></thead>
<tbody>${runs.map((r) => html`<tr><td data-label="${tr(lang, T.started)}">${formatDateTime(lang, r.startedAt)}</td><td data-label="${tr(lang, T.status)}"><span class="badge ${r.status}">${term(lang, 'runStatus', r.status)}</span>${r.httpStatus ? html` <span class="small muted">HTTP ${r.httpStatus}</span>` : ''}</td>
<td class="num" data-label="${tr(lang, T.newItems)}">${r.itemsNew}</td><td class="small" data-label="${tr(lang, T.error)}">${r.errorCode ? html`<code>${r.errorCode}</code> ${r.error ?? ''}` : '–'}</td></tr>`)}</tbody></table>`}`;
  return page(ctx, { title: tr(lang, T.source, { name: s.name }), active: '/sources', body });
}
