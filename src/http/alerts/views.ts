import type { AlertListItem, getAlert } from '../../db/queries/alerts.js';
import { html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

export type AlertDetail = NonNullable<Awaited<ReturnType<typeof getAlert>>>;

const T = {
  title: { sv: 'Larm och utkorg', en: 'Alerts and outbox' },
  alert: { sv: 'Larm {id}', en: 'Alert {id}' },
  when: { sv: 'När', en: 'When' },
  kind: { sv: 'Typ', en: 'Kind' },
  severity: { sv: 'Allvar', en: 'Severity' },
  subject: { sv: 'Gäller', en: 'Subject' },
  emails: { sv: 'E-post', en: 'Emails' },
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
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  resent: { sv: 'E-posten ligger i kö för att skickas igen.', en: 'The emails are queued to be sent again.' },
  'nothing-to-resend': { sv: 'Inget att skicka igen.', en: 'Nothing to resend.' },
};

export function alertListPage(ctx: PageContext, view: { alerts: AlertListItem[]; kinds: readonly string[]; kind: string | null; status: string | null; outbox: Record<string, number> }): SafeHtml {
  const { lang } = ctx;
  const statuses = ['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'];
  const body = html`<p>${tr(lang, T.outbox)}: ${Object.entries(view.outbox).map(([s, n]) => html`<a class="badge ${s}" href="${pathWithQuery('/alerts', { status: s })}">${s}: ${n}</a> `)}</p>
<form method="get" action="/alerts" class="filters">
<label>${tr(lang, T.kind)}<select name="kind"><option value="">${tr(lang, T.any)}</option>${view.kinds.map((k) => html`<option${k === view.kind ? html` selected` : ''}>${k}</option>`)}</select></label>
<label>${tr(lang, T.status)}<select name="status"><option value="">${tr(lang, T.any)}</option>${statuses.map((s) => html`<option${s === view.status ? html` selected` : ''}>${s}</option>`)}</select></label>
<button type="submit">${tr(lang, T.filter)}</button></form>
${view.alerts.length === 0 ? html`<p class="muted">${tr(lang, T.none)}</p>` : html`<table><thead><tr><th>${tr(lang, T.when)}</th><th>${tr(lang, T.kind)}</th><th>${tr(lang, T.severity)}</th><th>${tr(lang, T.subject)}</th><th>${tr(lang, T.emails)}</th></tr></thead>
<tbody>${view.alerts.map((a) => html`<tr><td><a href="/alerts/${a.id}">${formatDateTime(lang, a.createdAt)}</a></td><td>${a.kind}</td><td><span class="badge ${a.severity}">${a.severity}</span></td><td>${a.subject}</td>
<td>${Object.entries(a.emails).map(([s, n]) => html`<span class="badge ${s}">${s}: ${n}</span> `)}</td></tr>`)}</tbody></table>`}`;
  return page(ctx, { title: tr(lang, T.title), active: '/alerts', body });
}

export function alertPage(ctx: PageContext, alert: AlertDetail, options: { canResend: boolean; notice?: string }): SafeHtml {
  const { lang } = ctx;
  const body = html`${notice(ctx, options.notice, NOTICES)}
<dl class="facts card"><dt>${tr(lang, T.when)}</dt><dd>${formatDateTime(lang, alert.createdAt)}</dd><dt>${tr(lang, T.kind)}</dt><dd>${alert.kind}</dd>
<dt>${tr(lang, T.severity)}</dt><dd>${alert.severity}</dd><dt>${tr(lang, T.subject)}</dt><dd>${alert.subject}</dd>
<dt>${tr(lang, T.posts)}</dt><dd>${alert.postIds.length === 0 ? '–' : alert.postIds.map((id) => html`<a href="/posts/${id}">${id}</a> `)}</dd></dl>
<h2>${tr(lang, T.emails)}</h2>
<table><thead><tr><th>${tr(lang, T.to)}</th><th>${tr(lang, T.subject)}</th><th>${tr(lang, T.status)}</th><th class="num">${tr(lang, T.attempts)}</th><th>${tr(lang, T.sent)}</th><th>${tr(lang, T.error)}</th></tr></thead>
<tbody>${alert.emails.map((e) => html`<tr><td>${e.toAddress}</td><td>${e.subject}</td><td><span class="badge ${e.status}">${e.status}</span></td><td class="num">${e.attempts}</td><td>${formatDateTime(lang, e.sentAt)}</td><td class="small">${e.lastErrorCode ? html`<code>${e.lastErrorCode}</code> ${e.lastError ?? ''}` : ''}</td></tr>`)}</tbody></table>
${options.canResend
  ? html`<p><form method="post" action="/alerts/${alert.id}/resend" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<button type="submit">${tr(lang, T.resend)}</button></form>
<form method="post" action="/alerts/${alert.id}/resend" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<input type="hidden" name="all" value="true"><button type="submit">${tr(lang, T.resendAll)}</button></form></p>`
  : ''}
<details><summary>${tr(lang, T.payload)}</summary><pre class="diff">${JSON.stringify(alert.payload, null, 2)}</pre></details>`;
  return page(ctx, { title: tr(lang, T.alert, { id: alert.id }), active: '/alerts', body });
}
