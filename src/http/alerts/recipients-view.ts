import type { RecipientRow } from '../../db/queries/index.js';
import { titleOf, type NarrativeTitles } from '../narratives/titles.js';
import { html, type SafeHtml } from '../views/html.js';
import { tr, type Text } from '../views/i18n.js';
import { capitalised, options, term, terms } from '../views/labels.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

const T = {
  title: { sv: 'Mottagare och prenumerationer', en: 'Recipients and subscriptions' },
  name: { sv: 'Namn', en: 'Name' },
  email: { sv: 'E-post', en: 'Email' },
  language: { sv: 'Språk', en: 'Language' },
  roles: { sv: 'Roller', en: 'Roles' },
  region: { sv: 'Region', en: 'Region' },
  quiet: { sv: 'Tysta timmar', en: 'Quiet hours' },
  quietHelp: { sv: 'bara kritiska hot skickas då, resten väntar', en: 'only critical threats are sent then, the rest waits' },
  narratives: { sv: 'Narrativ (tomt = alla)', en: 'Narratives (empty = all)' },
  minThreat: { sv: 'Lägsta hotnivå', en: 'Lowest threat level' },
  byRole: { sv: 'medel för säkerhet, annars inga', en: 'medium for security, otherwise none' },
  noThreat: { sv: 'inga hotlarm', en: 'no threat alerts' },
  phone: { sv: 'Mobilnummer', en: 'Mobile number' },
  channels: { sv: 'Kanaler', en: 'Channels' },
  smsHelp: { sv: 'sms endast för kritiska hot och eskaleringar', en: 'SMS only for critical threats and escalations' },
  remove: { sv: 'Ta bort', en: 'Remove' },
  add: { sv: 'Lägg till mottagare', en: 'Add a recipient' },
  confirm: { sv: 'Ta bort mottagaren? E-post som inte skickats avbryts.', en: 'Remove the recipient? Unsent emails are cancelled.' },
  all: { sv: 'alla', en: 'all' },
  none: { sv: 'Inga mottagare ännu: larmen väntar tills någon läggs till.', en: 'No recipients yet: alerts wait until someone is added.' },
  waiting: {
    sv: '{n} larm väntar på en mottagare för rollen {role}. De skickas till den första som läggs till med rollen (larm äldre än {hours} timmar skickas inte).',
    en: '{n} alerts wait for a recipient for the role {role}. They go to the first one added with that role (alerts older than {hours} hours are not sent).',
  },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  added: { sv: 'Mottagaren är tillagd.', en: 'The recipient was added.' },
  removed: { sv: 'Mottagaren är borttagen.', en: 'The recipient was removed.' },
};
const DELIVERED: Text = { sv: 'Mottagaren är tillagd och har fått {n} larm som väntade.', en: 'The recipient was added and got {n} alerts that were waiting.' };

export interface RecipientsView {
  rows: RecipientRow[];
  titles: NarrativeTitles;
  waiting: Record<string, number>;
  waitingHours: Readonly<Record<string, number>>;
  notice?: string;
  error?: string;
  delivered?: number;
}

export function recipientsPage(ctx: PageContext, view: RecipientsView): SafeHtml {
  const { lang } = ctx;
  const hours = Math.max(...Object.values(view.waitingHours));
  const body = html`${view.notice === 'added' && view.delivered ? html`<p class="notice" role="status">${tr(lang, DELIVERED, { n: view.delivered })}</p>` : notice(ctx, view.notice, NOTICES)}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
${Object.entries(view.waiting).map(([role, n]) => html`<p class="warning" role="status">${tr(lang, T.waiting, { n, role: term(lang, 'role', role), hours })}</p>`)}
${view.rows.length === 0
  ? html`<p class="muted">${tr(lang, T.none)}</p>`
  : html`<table class="cards"><thead><tr><th>${tr(lang, T.name)}</th><th>${tr(lang, T.email)}</th><th>${tr(lang, T.roles)}</th><th>${tr(lang, T.language)}</th><th>${tr(lang, T.narratives)}</th><th>${tr(lang, T.minThreat)}</th><th>${tr(lang, T.channels)}</th><th>${tr(lang, T.quiet)}</th><th></th></tr></thead>
<tbody>${view.rows.map((r) => html`<tr><td data-label="${tr(lang, T.name)}">${r.name}${r.region ? html`<br><span class="small muted">${r.region}</span>` : ''}</td><td data-label="${tr(lang, T.email)}">${r.email}</td>
<td data-label="${tr(lang, T.roles)}">${capitalised(terms(lang, 'role', r.roles))}</td><td data-label="${tr(lang, T.language)}">${capitalised(term(lang, 'language', r.language))}</td>
<td data-label="${tr(lang, T.narratives)}">${r.narratives.length === 0 ? tr(lang, T.all) : r.narratives.map((slug) => titleOf(view.titles, slug, lang)).join(', ')}</td>
<td data-label="${tr(lang, T.minThreat)}">${r.minThreatLevel ? capitalised(term(lang, 'level', r.minThreatLevel)) : tr(lang, T.noThreat)}</td>
<td data-label="${tr(lang, T.channels)}">${capitalised(terms(lang, 'channelKind', r.channels))}${r.phone ? html`<br><span class="small muted">${r.phone}</span>` : ''}</td>
<td data-label="${tr(lang, T.quiet)}">${r.quietHours ? `${r.quietHours.start}–${r.quietHours.end}` : '–'}</td>
<td class="actions"><form method="post" action="/recipients/${r.id}/delete" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<button type="submit" class="danger">${tr(lang, T.remove)}</button></form></td></tr>`)}</tbody></table>`}
<h2>${tr(lang, T.add)}</h2>
<form method="post" action="/recipients" class="card narrow">${csrfField(ctx)}
<label>${tr(lang, T.name)}<input name="name" required maxlength="200"></label>
<label>${tr(lang, T.email)}<input name="email" type="email" required maxlength="254"></label>
<fieldset><legend>${tr(lang, T.roles)}</legend>${(['communications', 'security', 'admin'] as const).map((role) => html`<label class="check"><input type="checkbox" name="role-${role}"${role === 'communications' ? html` checked` : ''}> ${capitalised(term(lang, 'role', role))}</label>`)}</fieldset>
<label>${tr(lang, T.language)}<select name="language">${options(lang, 'language', ['sv', 'en'], 'sv')}</select></label>
<label>${tr(lang, T.region)}<input name="region" maxlength="200"></label>
<label>${tr(lang, T.narratives)}<select name="narratives"><option value="">${tr(lang, T.all)}</option>${[...view.titles.keys()].map((slug) => html`<option value="${slug}">${titleOf(view.titles, slug, lang)}</option>`)}</select></label>
<label>${tr(lang, T.minThreat)}<select name="minThreat"><option value="">${tr(lang, T.byRole)}</option><option value="none">${tr(lang, T.noThreat)}</option>${options(lang, 'level', ['low', 'medium', 'high', 'critical'], null)}</select></label>
<fieldset><legend>${tr(lang, T.channels)}</legend><label class="check"><input type="checkbox" name="channel-email" checked> ${capitalised(term(lang, 'channelKind', 'email'))}</label>
<label class="check"><input type="checkbox" name="channel-sms"> ${capitalised(term(lang, 'channelKind', 'sms'))} <span class="small muted">(${tr(lang, T.smsHelp)})</span></label></fieldset>
<label>${tr(lang, T.phone)}<input name="phone" type="tel" placeholder="+46701234567" maxlength="20"></label>
<label>${tr(lang, T.quiet)} <span class="small muted">(${tr(lang, T.quietHelp)})</span><input name="quiet" placeholder="22:00-07:00" pattern="[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]"></label>
<button type="submit" class="primary">${tr(lang, T.add)}</button></form>`;
  return page(ctx, { title: tr(lang, T.title), active: '/recipients', body });
}
