import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VaksamError } from '../../errors/index.js';
import { addWatchlistEntry, listWatchlist, loadWatchlistKey, removeWatchlistEntry, type WatchlistListing } from '../../threat-cases/index.js';
import { WATCHLIST_KINDS, type WatchlistKind } from '../../threats/index.js';
import { can } from '../../users/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { capitalised, options as choices, term } from '../views/labels.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';

const T = {
  title: { sv: 'Bevakade personer och adresser', en: 'Staff watchlist' },
  help: {
    sv: 'Namn och adresser som ska kännas igen i inlägg (doxning). Värdena lagras krypterade och visas bara maskerade.',
    en: 'Names and addresses to recognise in posts (doxxing). Values are stored encrypted and only ever shown masked.',
  },
  kind: { sv: 'Typ', en: 'Kind' },
  value: { sv: 'Värde', en: 'Value' },
  added: { sv: 'Tillagd', en: 'Added' },
  by: { sv: 'Av', en: 'By' },
  add: { sv: 'Lägg till', en: 'Add' },
  remove: { sv: 'Ta bort', en: 'Remove' },
  noKey: { sv: 'Ingen nyckel ännu: den första posten skapar den.', en: 'No key yet: the first entry creates it.' },
  empty: { sv: 'Listan är tom.', en: 'The list is empty.' },
  confirm: { sv: 'Ta bort posten för gott?', en: 'Remove the entry for good?' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = {
  added: { sv: 'Posten är tillagd.', en: 'The entry was added.' },
  removed: { sv: 'Posten är borttagen.', en: 'The entry was removed.' },
};

/** The staff watchlist (security and admin only): masked listing, add, remove; sealing is the threat-cases module's. */
export function registerWatchlistRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const key = (create: boolean) => loadWatchlistKey(web.app.config.threats, web.app.config.database.dataDir, { create });

  const show = async (request: FastifyRequest, reply: FastifyReply, options: { notice?: string; error?: string }, status = 200) => {
    const current = await key(false);
    const entries = current ? await listWatchlist(db, current) : null;
    return sendHtml(reply, watchlistPage(pageContext(web, request), entries, { ...options, canWrite: can(currentUser(request).role, 'threats.write') }), status);
  };

  server.get<{ Querystring: { notice?: string } }>('/watchlist', { config: { access: 'threats.read' } }, async (request, reply) => show(request, reply, { notice: request.query.notice }));

  server.post<{ Body: { kind: string; value: string } }>(
    '/watchlist',
    { config: { access: 'threats.write' }, schema: { body: { type: 'object', required: ['kind', 'value'], properties: { kind: { type: 'string', enum: [...WATCHLIST_KINDS] }, value: { type: 'string', minLength: 1, maxLength: 300 } } } } },
    async (request, reply) => {
      try {
        await addWatchlistEntry(db, (await key(true))!, { kind: request.body.kind as WatchlistKind, value: request.body.value, actor: currentUser(request).username });
      } catch (error) {
        if (error instanceof VaksamError && error.code === 'WATCHLIST_VALUE_INVALID') return show(request, reply, { error: error.message }, 400);
        throw error;
      }
      return reply.redirect('/watchlist?notice=added', 303);
    },
  );

  server.post<{ Params: { id: number } }>(
    '/watchlist/:id/delete',
    { config: { access: 'threats.write' }, schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } },
    async (request, reply) => {
      await removeWatchlistEntry(db, request.params.id, currentUser(request).username);
      return reply.redirect('/watchlist?notice=removed', 303);
    },
  );
}

function watchlistPage(ctx: PageContext, entries: WatchlistListing[] | null, options: { notice?: string; error?: string; canWrite: boolean }): SafeHtml {
  const { lang } = ctx;
  const body = html`${notice(ctx, options.notice, NOTICES)}${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<p class="muted">${tr(lang, T.help)}</p>
${entries === null ? html`<p class="muted">${tr(lang, T.noKey)}</p>` : entries.length === 0 ? html`<p class="muted">${tr(lang, T.empty)}</p>` : html`<div class="table-wrap"><table><thead><tr><th>${tr(lang, T.kind)}</th><th>${tr(lang, T.value)}</th><th>${tr(lang, T.added)}</th><th>${tr(lang, T.by)}</th><th></th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${capitalised(term(lang, 'watchlistKind', e.kind))}</td><td><code>${e.masked}</code></td><td>${formatDateTime(lang, e.createdAt)}</td><td>${e.createdBy}</td>
<td>${options.canWrite ? html`<form method="post" action="/watchlist/${e.id}/delete" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<button type="submit" class="danger">${tr(lang, T.remove)}</button></form>` : ''}</td></tr>`)}</tbody></table></div>`}
${options.canWrite ? html`<form method="post" action="/watchlist" class="card narrow">${csrfField(ctx)}
<label>${tr(lang, T.kind)}<select name="kind">${choices(lang, 'watchlistKind', WATCHLIST_KINDS, null)}</select></label>
<label>${tr(lang, T.value)}<input name="value" required maxlength="300" autocomplete="off"></label>
<button type="submit" class="primary">${tr(lang, T.add)}</button></form>` : ''}`;
  return page(ctx, { title: tr(lang, T.title), active: '/watchlist', body });
}
