import type { AlertListItem, getAlert } from '../../db/queries/index.js';
import type { alertChannelPosts } from '../../db/queries/index.js';
import { titleOf, type NarrativeTitles } from '../narratives/titles.js';
import { html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { badge, capitalised, options, term } from '../views/labels.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

export type AlertDetail = NonNullable<Awaited<ReturnType<typeof getAlert>>> & { channelPosts: Awaited<ReturnType<typeof alertChannelPosts>> };

const T = {
  title: { sv: 'Larm och utkorg', en: 'Alerts and outbox' },
  alert: { sv: 'Larm {id}', en: 'Alert {id}' },
  when: { sv: 'När', en: 'When' },
  kind: { sv: 'Typ', en: 'Kind' },
  severity: { sv: 'Allvar', en: 'Severity' },
  subject: { sv: 'Gäller', en: 'About' },
  emailSubject: { sv: 'Ämnesrad', en: 'Subject' },
  emails: { sv: 'E-post', en: 'Emails' },
  channels: { sv: 'Kanaler', en: 'Channels' },
  channel: { sv: 'Kanal', en: 'Channel' },
  status: { sv: 'Status', en: 'Status' },
  any: { sv: 'alla', en: 'any' },
  filter: { sv: 'Filtrera', en: 'Filter' },
  outbox: { sv: 'Utkorgen just nu', en: 'Outbox now' },
  to: { sv: 'Till', en: 'To' },
  attempts: { sv: 'Försök', en: 'Attempts' },
  sent: { sv: 'Skickat', en: 'Sent' },
  error: { sv: 'Fel', en: 'Error' },
  resend: { sv: 'Skicka misslyckade igen', en: 'Resend failed emails' },
  resendAll: { sv: 'Skicka alla igen', en: 'Resend all emails' },
  posts: { sv: 'Inlägg', en: 'Posts' },
  payload: { sv: 'Larmets innehåll', en: 'Alert content' },
  none: { sv: 'Inga larm.', en: 'No alerts.' },
  confirm: { sv: 'Skicka e-posten igen?', en: 'Send the emails again?' },
  waiting: { sv: 'väntar på mottagare', en: 'waiting for a recipient' },
  waitingHelp: {
    sv: 'Ingen tog emot larmet när det skapades. Det skickas till den första mottagare som läggs till för rollen {role} (inom {hours} timmar), eller med ”Skicka alla igen”.',
    en: 'Nobody received this alert when it was made. It goes to the first recipient added for the role {role} (within {hours} hours), or with "Resend all emails".',
  },
  waitingCount: { sv: '{n} larm väntar på en mottagare för rollen {role}.', en: '{n} alerts wait for a recipient for the role {role}.' },
  addRecipient: { sv: 'Lägg till mottagare', en: 'Add a recipient' },
  case: { sv: 'Ärende {id}', en: 'Case {id}' },
  source: { sv: 'Källa {name}', en: 'Source {name}' },
  week: { sv: 'Vecka {week}', en: 'Week {week}' },
  batch: { sv: 'Sammanställning till {time}', en: 'Summary up to {time}' },
  test: { sv: 'Provmejl', en: 'Test email' },
  cases: { sv: 'Ärenden', en: 'Cases' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  'nothing-to-resend': { sv: 'Inget att skicka igen: inget har misslyckats och alla mottagare har fått larmet.', en: 'Nothing to resend: nothing failed and every recipient has the alert.' },
  nobody: { sv: 'Inget skickades: ingen mottagare tar emot den här sortens larm ännu. Lägg till en mottagare.', en: 'Nothing was sent: no recipient receives this kind of alert yet. Add a recipient.' },
};
const RESENT: Text = { sv: '{requeued} e-post/inlägg i kö igen, {added} nya till mottagare som tillkommit.', en: '{requeued} emails/posts queued again, {added} new to recipients added since.' };
const STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'];

/** What an alert is about, in words and with a link: a narrative by its title, a case, a source, a week. */
export function alertSubject(ctx: PageContext, alert: { kind: string; subject: string; payload: Record<string, unknown> }, titles: NarrativeTitles): SafeHtml {
  const { lang } = ctx;
  const [prefix, rest = ''] = alert.subject.split(/:(.*)/s);
  if (prefix === 'case' && /^\d+$/.test(rest)) return html`<a href="/threats/${rest}">${tr(lang, T.case, { id: rest })}</a>`;
  if (prefix === 'source' && /^\d+$/.test(rest)) {
    const source = alert.payload.source as { name?: unknown } | undefined;
    return html`<a href="/sources/${rest}">${tr(lang, T.source, { name: typeof source?.name === 'string' ? source.name : rest })}</a>`;
  }
  if (prefix === 'batch') return html`${tr(lang, T.batch, { time: formatDateTime(lang, new Date(rest)) })}`;
  if (alert.kind === 'digest') return html`<a href="/digest/${alert.subject}">${tr(lang, T.week, { week: alert.subject })}</a>`;
  if (alert.kind === 'test') return html`${tr(lang, T.test)}`;
  if (alert.kind === 'surge') return html`<a href="/narratives/${alert.subject}">${titleOf(titles, alert.subject, lang)}</a>`;
  return html`${alert.subject}`;
}

function deliveryBadges(ctx: PageContext, counts: Record<string, number | undefined>): SafeHtml {
  return html`${Object.entries(counts).map(([s, n]) => html`<span class="badge ${s}">${term(ctx.lang, 'deliveryStatus', s)}: ${n ?? 0}</span> `)}`;
}

export interface AlertListView {
  alerts: AlertListItem[];
  kinds: readonly string[];
  kind: string | null;
  status: string | null;
  outbox: Record<string, number>;
  titles: NarrativeTitles;
  /** Alerts that reached nobody, by audience role. */
  waiting: Record<string, number>;
}

export function alertListPage(ctx: PageContext, view: AlertListView): SafeHtml {
  const { lang } = ctx;
  const body = html`${waitingNotice(ctx, view.waiting)}
<p>${tr(lang, T.outbox)}: ${Object.entries(view.outbox).map(([s, n]) => html`<a class="badge ${s}" href="${pathWithQuery('/alerts', { status: s })}">${term(lang, 'deliveryStatus', s)}: ${n}</a> `)}</p>
<form method="get" action="/alerts" class="filters">
<label>${tr(lang, T.kind)}<select name="kind"><option value="">${tr(lang, T.any)}</option>${options(lang, 'alertKind', view.kinds, view.kind)}</select></label>
<label>${tr(lang, T.status)}<select name="status"><option value="">${tr(lang, T.any)}</option>${options(lang, 'deliveryStatus', STATUSES, view.status)}</select></label>
<button type="submit">${tr(lang, T.filter)}</button></form>
${view.alerts.length === 0
  ? html`<p class="muted">${tr(lang, T.none)}</p>`
  : html`<table class="cards"><thead><tr><th>${tr(lang, T.when)}</th><th>${tr(lang, T.kind)}</th><th>${tr(lang, T.severity)}</th><th>${tr(lang, T.subject)}</th><th>${tr(lang, T.emails)}</th></tr></thead>
<tbody>${view.alerts.map((a) => html`<tr><td data-label="${tr(lang, T.when)}"><a href="/alerts/${a.id}">${formatDateTime(lang, a.createdAt)}</a></td><td data-label="${tr(lang, T.kind)}">${capitalised(term(lang, 'alertKind', a.kind))}</td>
<td data-label="${tr(lang, T.severity)}">${badge(lang, 'severity', a.severity)}</td><td data-label="${tr(lang, T.subject)}">${alertSubject(ctx, a, view.titles)}</td>
<td data-label="${tr(lang, T.emails)}">${Object.keys(a.emails).length === 0 && a.audience ? html`<span class="badge pending">${tr(lang, T.waiting)}</span>` : deliveryBadges(ctx, a.emails)}</td></tr>`)}</tbody></table>`}`;
  return page(ctx, { title: tr(lang, T.title), active: '/alerts', body });
}

function waitingNotice(ctx: PageContext, waiting: Record<string, number>): SafeHtml | '' {
  const entries = Object.entries(waiting).filter(([, n]) => n > 0);
  if (entries.length === 0) return '';
  const admin = ctx.user?.role === 'admin';
  return html`<div class="warning" role="status">${entries.map(([role, n]) => html`<p>${tr(ctx.lang, T.waitingCount, { n, role: term(ctx.lang, 'role', role) })}</p>`)}${admin ? html`<p><a href="/recipients">${tr(ctx.lang, T.addRecipient)}</a></p>` : ''}</div>`;
}

export function alertPage(ctx: PageContext, alert: AlertDetail, view: { canResend: boolean; notice?: string; resent: { requeued: number; added: number } | null; titles: NarrativeTitles; waitingHours: Readonly<Record<string, number>> }): SafeHtml {
  const { lang } = ctx;
  const waiting = alert.emails.length === 0 && alert.channelPosts.length === 0 && alert.audience;
  const caseIds = Array.isArray(alert.payload.caseIds) ? (alert.payload.caseIds as unknown[]).filter((id): id is number => typeof id === 'number') : [];
  const body = html`${view.resent ? html`<p class="notice" role="status">${tr(lang, RESENT, view.resent)}</p>` : notice(ctx, view.notice, NOTICES)}
${waiting && alert.audience ? html`<p class="warning" role="status">${tr(lang, T.waitingHelp, { role: term(lang, 'role', alert.audience.role), hours: view.waitingHours[alert.kind] ?? 24 })}</p>` : ''}
<dl class="facts card"><dt>${tr(lang, T.when)}</dt><dd>${formatDateTime(lang, alert.createdAt)}</dd><dt>${tr(lang, T.kind)}</dt><dd>${capitalised(term(lang, 'alertKind', alert.kind))}</dd>
<dt>${tr(lang, T.severity)}</dt><dd>${badge(lang, 'severity', alert.severity)}</dd><dt>${tr(lang, T.subject)}</dt><dd>${alertSubject(ctx, alert, view.titles)}</dd>
${caseIds.length > 0 ? html`<dt>${tr(lang, T.cases)}</dt><dd>${caseIds.map((id) => html`<a href="/threats/${id}">${tr(lang, T.case, { id })}</a> `)}</dd>` : ''}
<dt>${tr(lang, T.posts)}</dt><dd>${alert.postIds.length === 0 ? '–' : alert.postIds.map((id) => html`<a href="/posts/${id}">${id}</a> `)}</dd></dl>
<h2>${tr(lang, T.emails)}</h2>
${alert.emails.length === 0 ? html`<p class="muted">–</p>` : html`<table class="cards"><thead><tr><th>${tr(lang, T.to)}</th><th>${tr(lang, T.emailSubject)}</th><th>${tr(lang, T.status)}</th><th class="num">${tr(lang, T.attempts)}</th><th>${tr(lang, T.sent)}</th><th>${tr(lang, T.error)}</th></tr></thead>
<tbody>${alert.emails.map((e) => html`<tr><td data-label="${tr(lang, T.to)}">${e.toAddress}</td><td data-label="${tr(lang, T.emailSubject)}" dir="auto">${e.subject}</td><td data-label="${tr(lang, T.status)}">${badge(lang, 'deliveryStatus', e.status)}</td><td class="num" data-label="${tr(lang, T.attempts)}">${e.attempts}</td><td data-label="${tr(lang, T.sent)}">${formatDateTime(lang, e.sentAt)}</td><td class="small" data-label="${tr(lang, T.error)}">${e.lastErrorCode ? html`<code>${e.lastErrorCode}</code> ${e.lastError ?? ''}` : '–'}</td></tr>`)}</tbody></table>`}
${alert.channelPosts.length === 0 ? '' : html`<h2>${tr(lang, T.channels)}</h2><table class="cards"><thead><tr><th>${tr(lang, T.channel)}</th><th>${tr(lang, T.status)}</th><th class="num">${tr(lang, T.attempts)}</th><th>${tr(lang, T.sent)}</th><th>${tr(lang, T.error)}</th></tr></thead>
<tbody>${alert.channelPosts.map((c) => html`<tr><td data-label="${tr(lang, T.channel)}">${c.channel} (${term(lang, 'channelKind', c.kind)})${c.target ? html` <span class="small muted">${maskedNumber(c.target)}</span>` : ''}</td><td data-label="${tr(lang, T.status)}">${badge(lang, 'deliveryStatus', c.status)}</td><td class="num" data-label="${tr(lang, T.attempts)}">${c.attempts}</td><td data-label="${tr(lang, T.sent)}">${formatDateTime(lang, c.sentAt)}</td><td class="small" data-label="${tr(lang, T.error)}">${c.lastErrorCode ? html`<code>${c.lastErrorCode}</code> ${c.lastError ?? ''}` : '–'}</td></tr>`)}</tbody></table>`}
${view.canResend
  ? html`<p><form method="post" action="/alerts/${alert.id}/resend" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<button type="submit">${tr(lang, T.resend)}</button></form>
<form method="post" action="/alerts/${alert.id}/resend" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<input type="hidden" name="all" value="true"><button type="submit">${tr(lang, T.resendAll)}</button></form></p>`
  : ''}
<details><summary>${tr(lang, T.payload)}</summary><pre class="diff">${JSON.stringify(alert.payload, null, 2)}</pre></details>`;
  return page(ctx, { title: tr(lang, T.alert, { id: alert.id }), active: '/alerts', body });
}

/** A phone number with its middle hidden: enough to tell numbers apart, not to call. */
function maskedNumber(number: string): string {
  return number.length > 6 ? `${number.slice(0, 4)}…${number.slice(-2)}` : '…';
}
