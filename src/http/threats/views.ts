import type { ThreatCaseStatus } from '../../db/schema/index.js';
import { CASE_TRANSITIONS, type CaseDetail, type CaseListItem } from '../../threat-cases/index.js';
import { externalLink, html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { highlightSpans } from '../views/highlight.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

const T = {
  queue: { sv: 'Hot: granskningskö', en: 'Threats: review queue' },
  case: { sv: 'Hotärende {id}', en: 'Threat case {id}' },
  level: { sv: 'Nivå', en: 'Level' },
  status: { sv: 'Status', en: 'Status' },
  categories: { sv: 'Kategorier', en: 'Categories' },
  posts: { sv: 'Inlägg', en: 'Posts' },
  created: { sv: 'Skapad', en: 'Created' },
  assignee: { sv: 'Ansvarig', en: 'Assignee' },
  text: { sv: 'Text', en: 'Text' },
  any: { sv: 'alla', en: 'any' },
  filter: { sv: 'Filtrera', en: 'Filter' },
  none: { sv: 'Inga ärenden.', en: 'No cases.' },
  keys: { sv: 'Kortkommandon: j/k flytta, Enter öppna, a kvittera, e eskalera, d avfärda.', en: 'Shortcuts: j/k move, Enter open, a acknowledge, e escalate, d dismiss.' },
  acknowledge: { sv: 'Kvittera (a)', en: 'Acknowledge (a)' },
  escalate: { sv: 'Eskalera till polis (e)', en: 'Escalate to police (e)' },
  dismiss: { sv: 'Avfärda (d)', en: 'Dismiss (d)' },
  reopen: { sv: 'Öppna igen', en: 'Reopen' },
  policeRef: { sv: 'Polisens diarienummer', en: 'Police report reference' },
  note: { sv: 'Anteckning', en: 'Note' },
  addNote: { sv: 'Spara anteckning', en: 'Save note' },
  history: { sv: 'Händelser', en: 'History' },
  author: { sv: 'Avsändarens tidigare inlägg', en: "The author's earlier posts" },
  noEarlier: { sv: 'Inga tidigare inlägg lagrade.', en: 'No earlier posts stored.' },
  signals: { sv: 'Markerat: signaler som gav hotbedömningen.', en: 'Marked: the signals behind the assessment.' },
  purged: { sv: '(texten har rensats enligt lagringstiden)', en: '(the text was removed under the retention rule)' },
  back: { sv: 'Till kön', en: 'Back to the queue' },
  final: { sv: 'Eskalerade ärenden är slutliga; anteckningar går fortfarande att lägga till.', en: 'Escalated cases are final; notes can still be added.' },
  reported: { sv: 'rapporterat av personal', en: 'reported by staff' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = { reviewed: { sv: 'Ärendet är uppdaterat.', en: 'The case was updated.' } };
const STATUSES: readonly ThreatCaseStatus[] = ['new', 'acknowledged', 'escalated', 'dismissed'];
const LEVELS = ['critical', 'high', 'medium', 'low'];

export function threatQueuePage(ctx: PageContext, cases: CaseListItem[], filter: { status: string; level: string }, notice_?: string, reported: ReadonlyMap<number, number> = new Map()): SafeHtml {
  const { lang } = ctx;
  const back = pathWithQuery('/threats', filter);
  const body = html`${notice(ctx, notice_, NOTICES)}
<form method="get" action="/threats" class="filters">
<label>${tr(lang, T.status)}<select name="status"><option value="">${tr(lang, T.any)}</option>${STATUSES.map((s) => html`<option${s === filter.status ? html` selected` : ''}>${s}</option>`)}</select></label>
<label>${tr(lang, T.level)}<select name="level"><option value="">${tr(lang, T.any)}</option>${LEVELS.map((l) => html`<option${l === filter.level ? html` selected` : ''}>${l}</option>`)}</select></label>
<button type="submit">${tr(lang, T.filter)}</button></form>
<p class="kbd-help">${tr(lang, T.keys)}</p>
${cases.length === 0
  ? html`<p class="muted">${tr(lang, T.none)}</p>`
  : html`<table data-keyboard-list><thead><tr><th>${tr(lang, T.level)}</th><th>${tr(lang, T.text)}</th><th>${tr(lang, T.categories)}</th><th>${tr(lang, T.status)}</th><th class="num">${tr(lang, T.posts)}</th><th>${tr(lang, T.created)}</th><th></th></tr></thead>
<tbody>${cases.map((c) => html`<tr data-href="/threats/${c.id}" id="case-${c.id}">
<td><span class="badge ${c.level}">${c.level}</span></td><td><a href="/threats/${c.id}" dir="auto">${c.excerpt || `#${c.id}`}</a>${reported.has(c.id) ? html` <span class="badge reported">${tr(lang, T.reported)}</span>` : ''}</td><td>${c.categories.join(', ')}</td>
<td><span class="badge ${c.status}">${c.status}</span>${c.assignee ? html`<br><span class="small">${c.assignee}</span>` : ''}</td><td class="num">${c.postCount}</td><td>${formatDateTime(lang, c.createdAt)}</td>
<td>${quickActions(ctx, c, back)}</td></tr>`)}</tbody></table>`}`;
  return page(ctx, { title: tr(lang, T.queue), active: '/threats', body });
}

function quickActions(ctx: PageContext, c: CaseListItem, back: string): SafeHtml {
  const allowed = CASE_TRANSITIONS[c.status];
  const quick = (status: ThreatCaseStatus, key: string, label: Text) =>
    allowed.includes(status)
      ? html`<form method="post" action="/threats/${c.id}/review" class="inline" data-key="${key}">${csrfField(ctx)}<input type="hidden" name="status" value="${status}"><input type="hidden" name="back" value="${back}"><button type="submit" class="small">${tr(ctx.lang, label).replace(/ \(.\)$/, '')}</button></form> `
      : '';
  // Escalation needs a police reference, typed on the case page: `e` opens it there.
  const escalate = allowed.includes('escalated') ? html`<form method="get" action="/threats/${c.id}" class="inline" data-key="e"><input type="hidden" name="focus" value="escalate"></form>` : '';
  return html`${quick('acknowledged', 'a', T.acknowledge)}${quick('dismissed', 'd', T.dismiss)}${escalate}`;
}

export function threatCasePage(ctx: PageContext, detail: CaseDetail, options: { notice?: string; error?: string; focus?: string; reportsOf?: (postId: number | null) => SafeHtml | '' }): SafeHtml {
  const { lang } = ctx;
  const c = detail.case;
  const allowed = CASE_TRANSITIONS[c.status];
  const body = html`<p><a href="/threats">${tr(lang, T.back)}</a></p>
${notice(ctx, options.notice, NOTICES)}${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<div class="two"><div>
<dl class="facts card"><dt>${tr(lang, T.level)}</dt><dd><span class="badge ${c.level}">${c.level}</span></dd><dt>${tr(lang, T.categories)}</dt><dd>${c.categories.join(', ')}</dd>
<dt>${tr(lang, T.status)}</dt><dd><span class="badge ${c.status}">${c.status}</span></dd><dt>${tr(lang, T.assignee)}</dt><dd>${c.assignee ?? '–'}</dd>
<dt>${tr(lang, T.policeRef)}</dt><dd>${c.policeRef ?? '–'}</dd><dt>${tr(lang, T.created)}</dt><dd>${formatDateTime(lang, c.createdAt)}</dd></dl>
<h2>${tr(lang, T.posts)} (${detail.posts.length})</h2>
${detail.posts.map((p) => html`<article class="card"><p class="post-text" dir="auto">${p.text ? highlightSpans(p.text, p.signals.map((s) => ({ start: s.start, end: s.end, label: s.kind })), 'signal') : tr(lang, T.purged)}</p>
<p class="small muted">${p.platform} · ${p.authorHandle ?? '–'} · ${p.sourceName ?? ''} · ${formatDateTime(lang, p.publishedAt ?? p.fetchedAt)} · ${externalLink(p.url)}</p>
<p class="small">${p.signals.map((s) => html`<span class="badge">${s.kind}: ${s.text}</span> `)}</p></article>${options.reportsOf?.(p.postId) ?? ''}`)}
<p class="small muted">${tr(lang, T.signals)}</p>
<h2>${tr(lang, T.author)}</h2>
${detail.earlierPosts.length === 0 ? html`<p class="muted">${tr(lang, T.noEarlier)}</p>` : html`<ul>${detail.earlierPosts.map((e) => html`<li><a href="/posts/${e.postId}" dir="auto">${e.excerpt}</a> <span class="small muted">${formatDateTime(lang, e.publishedAt ?? e.fetchedAt)}</span>${e.threatLevel ? html` <span class="badge ${e.threatLevel}">${e.threatLevel}</span>` : ''}</li>`)}</ul>`}
</div><div>
${reviewForms(ctx, c.id, allowed, options.focus === 'escalate')}
<section class="card"><h2>${tr(lang, T.history)}</h2><ol class="small">${detail.events.map((e) => html`<li>${formatDateTime(lang, e.at)} · ${e.actor} · ${e.action}${e.fromStatus !== e.toStatus ? html` ${e.fromStatus} → ${e.toStatus}` : ''}${e.note ? html`<br><q>${e.note}</q>` : ''}</li>`)}</ol></section>
</div></div>`;
  return page(ctx, { title: tr(lang, T.case, { id: c.id }), active: '/threats', body });
}

function reviewForms(ctx: PageContext, id: number, allowed: readonly ThreatCaseStatus[], focusEscalate: boolean): SafeHtml {
  const { lang } = ctx;
  const action = `/threats/${id}/review`;
  const simple = (status: ThreatCaseStatus, key: string, label: Text) =>
    allowed.includes(status)
      ? html`<form method="post" action="${action}" data-key="${key}" class="card">${csrfField(ctx)}<input type="hidden" name="status" value="${status}">
<label>${tr(lang, T.note)}<input name="note" maxlength="2000"></label><button type="submit" class="primary">${tr(lang, label)}</button></form>`
      : '';
  return html`<section aria-label="${tr(lang, T.status)}">
${simple('acknowledged', 'a', allowed.includes('escalated') ? T.acknowledge : T.reopen)}
${allowed.includes('escalated')
  ? html`<form method="post" action="${action}" data-key="e" class="card" id="escalate">${csrfField(ctx)}<input type="hidden" name="status" value="escalated">
<label>${tr(lang, T.policeRef)}<input name="policeRef" required maxlength="100"${focusEscalate ? html` autofocus` : ''}></label><label>${tr(lang, T.note)}<input name="note" maxlength="2000"></label>
<button type="submit" class="danger">${tr(lang, T.escalate)}</button></form>`
  : ''}
${simple('dismissed', 'd', T.dismiss)}
${allowed.length === 0 ? html`<p class="muted small">${tr(lang, T.final)}</p>` : ''}
<form method="post" action="${action}" class="card">${csrfField(ctx)}<label>${tr(lang, T.assignee)}<input name="assignee" maxlength="100"></label><label>${tr(lang, T.note)}<input name="note" maxlength="2000"></label>
<button type="submit">${tr(lang, T.addNote)}</button></form>
</section>`;
}
