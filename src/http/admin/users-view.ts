import { ROLES, type UserRow } from '../../users/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, ROLE_NAMES, type PageContext } from '../views/layout.js';

const T = {
  title: { sv: 'Användare', en: 'Users' },
  username: { sv: 'Användarnamn', en: 'User name' },
  name: { sv: 'Namn', en: 'Name' },
  role: { sv: 'Roll', en: 'Role' },
  kind: { sv: 'Inloggning', en: 'Sign-in' },
  lastLogin: { sv: 'Senast inloggad', en: 'Last sign-in' },
  state: { sv: 'Status', en: 'State' },
  active: { sv: 'aktiv', en: 'active' },
  disabled: { sv: 'avstängd', en: 'disabled' },
  change: { sv: 'Ändra', en: 'Change' },
  disable: { sv: 'Stäng av', en: 'Disable' },
  enable: { sv: 'Aktivera', en: 'Enable' },
  reset: { sv: 'Nytt lösenord', en: 'New password' },
  add: { sv: 'Lägg till användare', en: 'Add a user' },
  you: { sv: '(du)', en: '(you)' },
  created: { sv: 'Användaren {user} har skapats. Lösenord (visas bara nu):', en: 'User {user} created. Password (shown only now):' },
  resetDone: { sv: 'Nytt lösenord för {user} (visas bara nu); alla sessioner avslutades:', en: 'New password for {user} (shown only now); all sessions ended:' },
  confirmReset: { sv: 'Ge användaren ett nytt lösenord och logga ut den?', en: 'Give the user a new password and sign them out?' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  role: { sv: 'Rollen är ändrad.', en: 'The role was changed.' },
  disabled: { sv: 'Användaren är avstängd och utloggad.', en: 'The user is disabled and signed out.' },
  enabled: { sv: 'Användaren kan logga in igen.', en: 'The user can sign in again.' },
};

export function usersPage(ctx: PageContext, users: UserRow[], options: { notice?: string; error?: string; secret?: { kind: 'created' | 'reset'; username: string; password: string } }): SafeHtml {
  const { lang } = ctx;
  const me = ctx.user!.username;
  const body = html`${notice(ctx, options.notice, NOTICES)}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${options.secret ? html`<div class="notice" role="status"><p>${tr(lang, options.secret.kind === 'created' ? T.created : T.resetDone, { user: options.secret.username })}</p><p><code>${options.secret.password}</code></p></div>` : ''}
<table><thead><tr><th>${tr(lang, T.username)}</th><th>${tr(lang, T.name)}</th><th>${tr(lang, T.role)}</th><th>${tr(lang, T.kind)}</th><th>${tr(lang, T.state)}</th><th>${tr(lang, T.lastLogin)}</th><th></th></tr></thead>
<tbody>${users.map((u) => {
    const self = u.username === me;
    return html`<tr><td>${u.username} ${self ? tr(lang, T.you) : ''}</td><td>${u.displayName}</td>
<td>${self ? tr(lang, ROLE_NAMES[u.role]!) : html`<form method="post" action="/users/${u.username}/role" class="inline">${csrfField(ctx)}<select name="role" aria-label="${tr(lang, T.role)}">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? html` selected` : ''}>${tr(lang, ROLE_NAMES[r]!)}</option>`)}</select> <button type="submit">${tr(lang, T.change)}</button></form>`}</td>
<td>${u.oidcSubject ? 'OIDC' : 'lokal/local'}</td>
<td><span class="badge">${tr(lang, u.disabled ? T.disabled : T.active)}</span></td>
<td>${formatDateTime(lang, u.lastLoginAt)}</td>
<td>${self ? '' : html`<form method="post" action="/users/${u.username}/${u.disabled ? 'enable' : 'disable'}" class="inline">${csrfField(ctx)}<button type="submit"${u.disabled ? '' : html` class="danger"`}>${tr(lang, u.disabled ? T.enable : T.disable)}</button></form>
${u.passwordHash ? html`<form method="post" action="/users/${u.username}/reset-password" class="inline" data-confirm="${tr(lang, T.confirmReset)}">${csrfField(ctx)}<button type="submit">${tr(lang, T.reset)}</button></form>` : ''}`}</td></tr>`;
  })}</tbody></table>
<h2>${tr(lang, T.add)}</h2>
<form method="post" action="/users" class="card narrow">${csrfField(ctx)}
<label>${tr(lang, T.username)}<input name="username" required pattern="[a-zA-Z0-9][a-zA-Z0-9._@\\-]{1,63}" autocomplete="off"></label>
<label>${tr(lang, T.name)}<input name="displayName" maxlength="100"></label>
<label>${tr(lang, T.role)}<select name="role">${ROLES.map((r) => html`<option value="${r}"${r === 'viewer' ? html` selected` : ''}>${tr(lang, ROLE_NAMES[r]!)}</option>`)}</select></label>
<button type="submit" class="primary">${tr(lang, T.add)}</button></form>`;
  return page(ctx, { title: tr(lang, T.title), active: '/users', body });
}
