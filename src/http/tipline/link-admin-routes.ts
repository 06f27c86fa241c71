import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLink, listLinks, ReportInvalidError, revokeLink } from '../../tipline/index.js';
import { html } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { csrfField, notice, page } from '../views/layout.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';

const T = {
  title: { sv: 'Hemliga länkar för rapporter', en: 'Secret report links' },
  intro: {
    sv: 'En länk per organisation låter personal utan konto rapportera. De bevisar med en engångskod till jobbmejlen att de hör till organisationen; bara adresser i de angivna domänerna får kod. Länken visas en gång: dela den internt (intranät, introduktion), inte offentligt.',
    en: 'One link per organisation lets staff without an account report. They prove with a one-time code to their work email that they belong; only addresses in the given domains get a code. The link is shown once: share it internally (intranet, onboarding), not publicly.',
  },
  name: { sv: 'Organisation', en: 'Organisation' },
  domains: { sv: 'E-postdomäner (kommaseparerade)', en: 'Email domains (comma-separated)' },
  create: { sv: 'Skapa länk', en: 'Create link' },
  created: { sv: 'Länken är skapad. Kopiera den nu: den visas inte igen.', en: 'The link was created. Copy it now: it is not shown again.' },
  revoke: { sv: 'Stäng länken', en: 'Revoke' },
  revoked: { sv: 'stängd', en: 'revoked' },
  confirm: { sv: 'Stänga länken? Den slutar fungera direkt.', en: 'Revoke the link? It stops working at once.' },
  createdBy: { sv: 'Skapad', en: 'Created' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = { revoked: { sv: 'Länken är stängd.', en: 'The link was revoked.' } };

export function registerLinkAdminRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const show = async (request: FastifyRequest, reply: FastifyReply, options: { notice?: string; error?: string; createdUrl?: string } = {}, status = 200) => {
    const ctx = pageContext(web, request);
    const { lang } = ctx;
    const links = await listLinks(db);
    const body = html`<p>${tr(lang, T.intro)}</p>${notice(ctx, options.notice, NOTICES)}${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${options.createdUrl ? html`<div class="notice" role="status"><p>${tr(lang, T.created)}</p><p><code class="secret-link">${options.createdUrl}</code></p></div>` : ''}
<div class="table-scroll"><table><thead><tr><th>${tr(lang, T.name)}</th><th>${tr(lang, T.domains)}</th><th>${tr(lang, T.createdBy)}</th><th></th></tr></thead><tbody>
${links.map((l) => html`<tr><td>${l.name}</td><td>${l.allowedDomains.join(', ')}</td><td>${formatDateTime(lang, l.createdAt)} · ${l.createdBy}</td>
<td>${l.revokedAt ? html`<span class="badge">${tr(lang, T.revoked)}</span>` : html`<form method="post" action="/reports/links/${l.id}/revoke" class="inline" data-confirm="${tr(lang, T.confirm)}">${csrfField(ctx)}<button type="submit" class="danger">${tr(lang, T.revoke)}</button></form>`}</td></tr>`)}
</tbody></table></div>
<form method="post" action="/reports/links" class="card narrow">${csrfField(ctx)}
<label>${tr(lang, T.name)}<input name="name" required maxlength="200"></label>
<label>${tr(lang, T.domains)}<input name="domains" required maxlength="1000" placeholder="kommun.se"></label>
<button type="submit" class="primary">${tr(lang, T.create)}</button></form>`;
    return sendHtml(reply, page(ctx, { title: tr(lang, T.title), active: '/reports', body }), status);
  };

  server.get<{ Querystring: { notice?: string } }>('/reports/links', { config: { access: 'tipline.manage' } }, async (request, reply) => show(request, reply, { notice: request.query.notice }));

  server.post<{ Body: { name: string; domains: string } }>(
    '/reports/links',
    { config: { access: 'tipline.manage' }, schema: { body: { type: 'object', required: ['name', 'domains'], properties: { name: { type: 'string', maxLength: 200 }, domains: { type: 'string', maxLength: 1000 } } } } },
    async (request, reply) => {
      try {
        const { token } = await createLink(db, { name: request.body.name, domains: request.body.domains, actor: currentUser(request).username }, web.app.now());
        return show(request, reply, { createdUrl: `${web.origin()}/r/${token}` }, 201);
      } catch (error) {
        if (error instanceof ReportInvalidError) return show(request, reply, { error: error.message }, 400);
        throw error;
      }
    },
  );

  server.post<{ Params: { id: number } }>('/reports/links/:id/revoke', { config: { access: 'tipline.manage' }, schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } }, async (request, reply) => {
    await revokeLink(db, request.params.id, currentUser(request).username, web.app.now());
    return reply.redirect('/reports/links?notice=revoked', 303);
  });
}
