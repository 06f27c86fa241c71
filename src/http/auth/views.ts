import { MIN_PASSWORD_CHARS } from '../../users/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page, ROLE_NAMES, type PageContext } from '../views/layout.js';

export const T = {
  signIn: { sv: 'Logga in', en: 'Sign in' },
  username: { sv: 'Användarnamn', en: 'User name' },
  password: { sv: 'Lösenord', en: 'Password' },
  invalid: { sv: 'Fel användarnamn eller lösenord.', en: 'Wrong user name or password.' },
  limited: { sv: 'För många misslyckade försök. Försök igen om {minutes} min.', en: 'Too many failed attempts. Try again in {minutes} min.' },
  oidcWith: { sv: 'Logga in med {label}', en: 'Sign in with {label}' },
  or: { sv: 'eller', en: 'or' },
  account: { sv: 'Ditt konto', en: 'Your account' },
  role: { sv: 'Roll', en: 'Role' },
  changePassword: { sv: 'Byt lösenord', en: 'Change password' },
  current: { sv: 'Nuvarande lösenord', en: 'Current password' },
  next: { sv: 'Nytt lösenord (minst {n} tecken)', en: 'New password (at least {n} characters)' },
  save: { sv: 'Spara', en: 'Save' },
  wrongCurrent: { sv: 'Det nuvarande lösenordet stämmer inte.', en: 'The current password is wrong.' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  'password-changed': { sv: 'Lösenordet är bytt. Logga in igen.', en: 'Password changed. Sign in again.' },
  'signed-out': { sv: 'Du är utloggad.', en: 'You are signed out.' },
  expired: { sv: 'Inloggningen gick ut. Logga in igen.', en: 'Your session ended. Sign in again.' },
  'oidc-failed': { sv: 'Inloggningen via identitetsleverantören misslyckades.', en: 'Sign-in through the identity provider failed.' },
};

export interface LoginView {
  loginToken: string;
  next: string;
  username?: string;
  error?: SafeHtml | string;
  notice?: string;
  oidcLabel: string | null;
}

export function loginPage(ctx: PageContext, view: LoginView): SafeHtml {
  const { lang } = ctx;
  const body = html`
${notice(ctx, view.notice, NOTICES)}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<form method="post" action="/login" class="card narrow">
  <input type="hidden" name="_csrf" value="${view.loginToken}">
  <input type="hidden" name="next" value="${view.next}">
  <label>${tr(lang, T.username)}<input name="username" autocomplete="username" required autofocus value="${view.username ?? ''}"></label>
  <label>${tr(lang, T.password)}<input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit" class="primary">${tr(lang, T.signIn)}</button>
</form>
${view.oidcLabel ? html`<p class="narrow">${tr(lang, T.or)} <a class="button" href="/auth/oidc/start?next=${encodeURIComponent(view.next)}">${tr(lang, T.oidcWith, { label: view.oidcLabel })}</a></p>` : ''}`;
  return page(ctx, { title: tr(lang, T.signIn), body });
}

export function accountPage(ctx: PageContext, options: { hasPassword: boolean; error?: string }): SafeHtml {
  const { lang } = ctx;
  const user = ctx.user!;
  const body = html`
<dl class="facts"><dt>${tr(lang, T.username)}</dt><dd>${user.username}</dd><dt>${tr(lang, T.role)}</dt><dd>${tr(lang, ROLE_NAMES[user.role]!)}</dd></dl>
${options.hasPassword
  ? html`<h2>${tr(lang, T.changePassword)}</h2>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/account/password" class="card narrow">${csrfField(ctx)}
  <input type="text" name="username" autocomplete="username" value="${user.username}" hidden>
  <label>${tr(lang, T.current)}<input name="current" type="password" autocomplete="current-password" required></label>
  <label>${tr(lang, T.next, { n: MIN_PASSWORD_CHARS })}<input name="next" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_CHARS}" required></label>
  <button type="submit" class="primary">${tr(lang, T.save)}</button>
</form>`
  : ''}`;
  return page(ctx, { title: tr(lang, T.account), body });
}
