import type { ThreatCaseStatus } from '../../db/schema/index.js';
import { CASE_TRANSITIONS, decisiveSpans, uniqueSpans, type CaseDetail, type CaseListItem } from '../../threat-cases/index.js';
import { externalLink, html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { highlightSpans } from '../views/highlight.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { badge, capitalised, options, terms } from '../views/labels.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';
import { queueReason } from '../../vocabulary/index.js';
import { missedForm, wrongLevelForm } from './feedback-views.js';

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
  signals: { sv: 'Markerat: orden som avgjorde hotbedömningen.', en: 'Marked: the words that decided the assessment.' },
  decisive: { sv: 'Det som avgjorde', en: 'What decided it' },
  ackFirst: {
    sv: 'Kvittera att du har sett ärendet: ett kritiskt ärende som ingen kvitterar eskaleras.',
    en: 'Acknowledge that you have seen the case: a critical case nobody acknowledges is escalated.',
  },
  lastPost: { sv: 'Senaste inlägg', en: 'Newest post' },
  purged: { sv: '(texten har rensats enligt lagringstiden)', en: '(the text was removed under the retention rule)' },
  back: { sv: 'Till kön', en: 'Back to the queue' },
  stats: { sv: 'Granskarnas utfall och missade hot', en: 'What reviewers found, and missed threats' },
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
<label>${tr(lang, T.status)}<select name="status"><option value="">${tr(lang, T.any)}</option>${options(lang, 'caseStatus', STATUSES, filter.status)}</select></label>
<label>${tr(lang, T.level)}<select name="level"><option value="">${tr(lang, T.any)}</option>${options(lang, 'level', LEVELS, filter.level)}</select></label>
<button type="submit">${tr(lang, T.filter)}</button></form>
<p class="kbd-help">${tr(lang, T.keys)} <a href="/threats/stats">${tr(lang, T.stats)}</a></p>
${cases.length === 0
  ? html`<p class="muted">${tr(lang, T.none)}</p>`
  : html`<table data-keyboard-list class="cards"><thead><tr><th>${tr(lang, T.level)}</th><th>${tr(lang, T.text)}</th><th>${tr(lang, T.categories)}</th><th>${tr(lang, T.status)}</th><th class="num">${tr(lang, T.posts)}</th><th>${tr(lang, T.created)}</th><th></th></tr></thead>
<tbody>${cases.map((c) => html`<tr data-href="/threats/${c.id}" id="case-${c.id}">
<td data-label="${tr(lang, T.level)}">${badge(lang, 'level', c.level)}</td><td data-label="${tr(lang, T.text)}"><a href="/threats/${c.id}" dir="auto">${c.excerpt || tr(lang, T.case, { id: c.id })}</a>${reported.has(c.id) ? html` <span class="badge reported">${tr(lang, T.reported)}</span>` : ''}${c.origin === 'model' ? html`<br><span class="small badge suggested">${queueReason(lang, { suggested: true, modelScore: c.modelScore, rules: [] })}</span>` : ''}</td><td data-label="${tr(lang, T.categories)}">${capitalised(terms(lang, 'category', c.categories))}</td>
<td data-label="${tr(lang, T.status)}">${badge(lang, 'caseStatus', c.status)}${c.assignee ? html`<br><span class="small">${c.assignee}</span>` : ''}</td><td class="num" data-label="${tr(lang, T.posts)}">${c.postCount}</td><td data-label="${tr(lang, T.created)}">${formatDateTime(lang, c.createdAt)}</td>
<td class="actions">${quickActions(ctx, c, back)}</td></tr>`)}</tbody></table>`}`;
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

export function threatCasePage(
  ctx: PageContext,
  detail: CaseDetail,
  options_: { notice?: string; error?: string; focus?: string; ack?: boolean; reportsOf?: (postId: number | null) => SafeHtml | ''; record?: SafeHtml },
): SafeHtml {
  const { lang } = ctx;
  const c = detail.case;
  const allowed = CASE_TRANSITIONS[c.status];
  const ackFirst = options_.ack === true && c.status === 'new';
  const body = html`<p><a href="/threats">${tr(lang, T.back)}</a></p>
${notice(ctx, options_.notice, NOTICES)}${options_.error ? html`<p class="error" role="alert">${options_.error}</p>` : ''}
${ackFirst ? html`<section class="card ack-first" aria-label="${tr(lang, T.acknowledge)}"><p>${tr(lang, T.ackFirst)}</p>${ackForm(ctx, c.id, true)}</section>` : ''}
<div class="two"><div>
<dl class="facts card"><dt>${tr(lang, T.level)}</dt><dd>${badge(lang, 'level', c.level)}</dd><dt>${tr(lang, T.categories)}</dt><dd>${capitalised(terms(lang, 'category', c.categories))}</dd>
<dt>${tr(lang, T.status)}</dt><dd>${badge(lang, 'caseStatus', c.status)}${c.verdict ? html` · ${badge(lang, 'caseVerdict', c.verdict)}${c.verdictLevel ? html` → ${badge(lang, 'level', c.verdictLevel)}` : ''}` : ''}</dd><dt>${tr(lang, T.assignee)}</dt><dd>${c.assignee ?? '–'}</dd>
<dt>${tr(lang, T.policeRef)}</dt><dd>${c.policeRef ?? '–'}</dd><dt>${tr(lang, T.created)}</dt><dd>${formatDateTime(lang, c.createdAt)}</dd>
<dt>${tr(lang, T.lastPost)}</dt><dd>${formatDateTime(lang, c.lastPostAt ?? c.createdAt)}</dd></dl>
<h2>${tr(lang, T.posts)} (${detail.posts.length})</h2>
${detail.posts.map((p) => html`${casePost(ctx, p)}${p.suggested && p.postId !== null ? missedForm(ctx, p.postId) : ''}${options_.reportsOf?.(p.postId) ?? ''}`)}
<p class="small muted">${tr(lang, T.signals)}</p>
<h2>${tr(lang, T.author)}</h2>
${detail.earlierPosts.length === 0 ? html`<p class="muted">${tr(lang, T.noEarlier)}</p>` : html`<ul>${detail.earlierPosts.map((e) => html`<li><a href="/posts/${e.postId}" dir="auto">${e.excerpt}</a> <span class="small muted">${formatDateTime(lang, e.publishedAt ?? e.fetchedAt)}</span>${e.threatLevel ? html` ${badge(lang, 'level', e.threatLevel)}` : ''}</li>`)}</ul>`}
</div><div>
${reviewForms(ctx, c.id, ackFirst ? allowed.filter((s) => s !== 'acknowledged') : allowed, options_.focus === 'escalate')}
${wrongLevelForm(ctx, c.id)}
${options_.record ?? ''}
<section class="card"><h2>${tr(lang, T.history)}</h2><ol class="small">${detail.events.map((e) => html`<li>${formatDateTime(lang, e.at)} · ${e.actor} · ${e.action}${e.fromStatus !== e.toStatus ? html` ${badge(lang, 'caseStatus', e.fromStatus ?? '')} → ${badge(lang, 'caseStatus', e.toStatus ?? '')}` : ''}${e.note ? html`<br><q>${e.note}</q>` : ''}</li>`)}</ol></section>
</div></div>`;
  return page(ctx, { title: tr(lang, T.case, { id: c.id }), active: '/threats', body });
}

/** A post of the case: its text with only the decisive words marked, and each of them listed once with its kinds. */
function casePost(ctx: PageContext, p: CaseDetail['posts'][number]): SafeHtml {
  const { lang } = ctx;
  const spans = p.text ? decisiveSpans(p.text, p.signals, p.categories) : [];
  return html`<article class="card"><p class="post-text" dir="auto">${p.text ? highlightSpans(p.text, spans.map((s) => ({ start: s.start, end: s.end, label: terms(lang, 'signalKind', s.kinds) })), 'signal') : tr(lang, T.purged)}</p>
<p class="small${p.suggested ? ' suggested' : ''}">${queueReason(lang, p)}</p>
<p class="small muted">${p.platform} · ${p.authorHandle ?? '–'} · ${p.sourceName ?? ''} · ${formatDateTime(lang, p.publishedAt ?? p.fetchedAt)} · ${externalLink(p.url)}</p>
${spans.length > 0 ? html`<p class="small">${tr(lang, T.decisive)}:</p><ul class="signals small">${uniqueSpans(spans).map((s) => html`<li><mark class="signal" dir="auto">${s.text}</mark> <span class="muted">${terms(lang, 'signalKind', s.kinds)}</span></li>`)}</ul>` : ''}</article>`;
}

function ackForm(ctx: PageContext, id: number, focus: boolean): SafeHtml {
  return html`<form method="post" action="/threats/${id}/review" data-key="a">${csrfField(ctx)}<input type="hidden" name="status" value="acknowledged">
<label>${tr(ctx.lang, T.note)}<input name="note" maxlength="2000"></label><button type="submit" class="primary"${focus ? html` autofocus` : ''}>${tr(ctx.lang, T.acknowledge)}</button></form>`;
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
