import { can, type Permission, type SessionUser } from '../../users/index.js';
import { VOCABULARY } from '../../vocabulary/index.js';
import { html, pathWithQuery, type SafeHtml } from './html.js';
import { tr, type Lang, type Text } from './i18n.js';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  lang: Lang;
  user: SessionUser | null;
  csrfToken: string | null;
  /** Path and query of the request, for the language switch and sign-in return. */
  url: string;
  assets: { js: string; css: string };
}

const NAV: Array<{ href: string; text: Text; permission: Permission }> = [
  { href: '/', text: { sv: 'Översikt', en: 'Overview' }, permission: 'overview.read' },
  { href: '/narratives', text: { sv: 'Narrativ', en: 'Narratives' }, permission: 'narratives.read' },
  { href: '/threats', text: { sv: 'Hot', en: 'Threats' }, permission: 'threats.read' },
  { href: '/reports', text: { sv: 'Rapporter', en: 'Reports' }, permission: 'tipline.read' },
  { href: '/watchlist', text: { sv: 'Bevakning', en: 'Watchlist' }, permission: 'threats.read' },
  { href: '/posts', text: { sv: 'Inlägg', en: 'Posts' }, permission: 'posts.read' },
  { href: '/clusters', text: { sv: 'Kampanjer', en: 'Campaigns' }, permission: 'posts.read' },
  { href: '/sources', text: { sv: 'Källor', en: 'Sources' }, permission: 'sources.read' },
  { href: '/digest', text: { sv: 'Veckan', en: 'The week' }, permission: 'overview.read' },
  { href: '/alerts', text: { sv: 'Larm', en: 'Alerts' }, permission: 'alerts.read' },
  { href: '/recipients', text: { sv: 'Mottagare', en: 'Recipients' }, permission: 'recipients.manage' },
  { href: '/queues', text: { sv: 'Köer', en: 'Queues' }, permission: 'queues.read' },
  { href: '/users', text: { sv: 'Användare', en: 'Users' }, permission: 'users.manage' },
  { href: '/audit', text: { sv: 'Logg', en: 'Audit log' }, permission: 'audit.read' },
  { href: '/privacy', text: { sv: 'Dataskydd', en: 'Data protection' }, permission: 'privacy.manage' },
  { href: '/report', text: { sv: 'Rapportera inlägg', en: 'Report a post' }, permission: 'tipline.report' },
];

export const ROLE_NAMES: Record<string, Text> = VOCABULARY.role;

const T = {
  skip: { sv: 'Hoppa till innehållet', en: 'Skip to content' },
  signOut: { sv: 'Logga ut', en: 'Sign out' },
  account: { sv: 'Konto', en: 'Account' },
  menu: { sv: 'Huvudmeny', en: 'Main menu' },
  language: { sv: 'Språk', en: 'Language' },
};

/** Hidden form field carrying the session's CSRF token; every POST form includes it. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
}

export function page(ctx: PageContext, options: { title: string; active?: string; body: SafeHtml | SafeHtml[] }): SafeHtml {
  const { lang, user } = ctx;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Vaksam</title>
<link rel="stylesheet" href="${ctx.assets.css}">
<script src="${ctx.assets.js}" defer></script>
</head>
<body data-lang="${lang}" data-csrf="${ctx.csrfToken ?? ''}">
<a class="skip" href="#main">${tr(lang, T.skip)}</a>
<header class="top">
  <a class="brand" href="/">Vaksam</a>
  ${user ? navigation(ctx, options.active) : ''}
  <div class="top-right">
    ${languageSwitch(ctx)}
    ${user ? userBox(ctx) : ''}
  </div>
</header>
<main id="main">
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}

function navigation(ctx: PageContext, active: string | undefined): SafeHtml {
  const items = NAV.filter((item) => ctx.user && can(ctx.user.role, item.permission));
  return html`<nav aria-label="${tr(ctx.lang, T.menu)}"><ul>${items.map(
    (item) => html`<li><a href="${item.href}"${item.href === active ? html` aria-current="page"` : ''}>${tr(ctx.lang, item.text)}</a></li>`,
  )}</ul></nav>`;
}

function languageSwitch(ctx: PageContext): SafeHtml {
  const other = ctx.lang === 'sv' ? { code: 'en', label: 'English' } : { code: 'sv', label: 'Svenska' };
  return html`<a class="lang" hreflang="${other.code}" lang="${other.code}" href="${pathWithQuery('/lang', { to: other.code, back: ctx.url })}">${other.label}</a>`;
}

function userBox(ctx: PageContext): SafeHtml {
  const user = ctx.user as SessionUser;
  return html`<a href="/account" title="${tr(ctx.lang, T.account)}">${user.displayName} (${tr(ctx.lang, ROLE_NAMES[user.role] ?? { sv: user.role, en: user.role })})</a>
    <form method="post" action="/logout" class="inline">${csrfField(ctx)}<button type="submit">${tr(ctx.lang, T.signOut)}</button></form>`;
}

/** A short notice after a redirect; only known keys render, so a crafted link cannot put text on the page. */
export function notice(ctx: PageContext, key: string | undefined, known: Record<string, Text>): SafeHtml | '' {
  const text = key ? known[key] : undefined;
  return text ? html`<p class="notice" role="status">${tr(ctx.lang, text)}</p>` : '';
}
