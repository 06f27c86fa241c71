import type { RecipientRow } from '../../db/queries/recipients.js';
import { html, type SafeHtml } from '../views/html.js';
import { tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

const T = {
  title: { sv: 'Mottagare och prenumerationer', en: 'Recipients and subscriptions' },
  name: { sv: 'Namn', en: 'Name' },
  email: { sv: 'E-post', en: 'Email' },
  language: { sv: 'Språk', en: 'Language' },
  roles: { sv: 'Roller', en: 'Roles' },
  rolesHelp: { sv: 'kommaseparerat: communications, security, admin', en: 'comma-separated: communications, security, admin' },
  region: { sv: 'Region', en: 'Region' },
  quiet: { sv: 'Tysta timmar', en: 'Quiet hours' },
  narratives: { sv: 'Narrativ (tomt = alla)', en: 'Narratives (empty = all)' },
  minThreat: { sv: 'Lägsta hotnivå', en: 'Lowest threat level' },
  noThreat: { sv: 'ingen hotpost', en: 'no threat mail' },
  remove: { sv: 'Ta bort', en: 'Remove' },
  add: { sv: 'Lägg till mottagare', en: 'Add a recipient' },
  confirm: { sv: 'Ta bort mottagaren? E-post som inte skickats avbryts.', en: 'Remove the recipient? Unsent emails are cancelled.' },
  all: { sv: 'alla', en: 'all' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  added: { sv: 'Mottagaren är tillagd.', en: 'The recipient was added.' },
  removed: { sv: 'Mottagaren är borttagen.', en: 'The recipient was removed.' },
};

export function recipientsPage(ctx: PageContext, rows: RecipientRow[], options: { notice?: string; error?: string }): SafeHtml {
  const { lang } = ctx;
  const body = html`${notice(ctx, options.notice, NOTICES)}${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<table><thead><tr><th>${tr(lang, T.name)}</th><th>${tr(lang, T.email)}</th><th>${tr(lang, T.roles)}</th><th>${tr(lang, T.language)}</th><th>${tr(lang, T.narratives)}</th><th>${tr(lang, T.minThreat)}</th><th>${tr(lang, T.quiet)}</th><th></th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.name}${r.region ? html`<br><span class="small muted">${r.region}</span>` : ''}</td><td>${r.email}</td><td>${r.roles.join(', ')}</td><td>${r.language}</td>
<td>${r.narratives.length === 0 ? tr(lang, T.all) : r.narratives.join(', ')}</td><td>${r.minThreatLevel ?? tr(lang, T.noThreat)}</td><td>${r.quietHours ? `${r.quietHours.start}–${r.quietHours.end}` : '–'}</td>
<td><form method="post" action="/recipients/${r.id}/delete" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<button type="submit" class="danger">${tr(lang, T.remove)}</button></form></td></tr>`)}</tbody></table>
<h2>${tr(lang, T.add)}</h2>
<form method="post" action="/recipients" class="card narrow">${csrfField(ctx)}
<label>${tr(lang, T.name)}<input name="name" required maxlength="200"></label>
<label>${tr(lang, T.email)}<input name="email" type="email" required maxlength="254"></label>
<label>${tr(lang, T.roles)} <span class="small muted">(${tr(lang, T.rolesHelp)})</span><input name="roles" required value="communications"></label>
<label>${tr(lang, T.language)}<select name="language"><option>sv</option><option>en</option></select></label>
<label>${tr(lang, T.region)}<input name="region" maxlength="200"></label>
<label>${tr(lang, T.narratives)}<input name="narratives" placeholder="child-kidnapping, forced-conversion"></label>
<label>${tr(lang, T.minThreat)}<select name="minThreat"><option value="">${tr(lang, T.noThreat)}</option>${['low', 'medium', 'high', 'critical'].map((l) => html`<option>${l}</option>`)}</select></label>
<label>${tr(lang, T.quiet)}<input name="quiet" placeholder="22:00-07:00" pattern="[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]"></label>
<button type="submit" class="primary">${tr(lang, T.add)}</button></form>`;
  return page(ctx, { title: tr(lang, T.title), active: '/recipients', body });
}
