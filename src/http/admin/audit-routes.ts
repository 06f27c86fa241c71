import type { FastifyInstance } from 'fastify';
import { listAudit, type AuditRow } from '../../users/index.js';
import { html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { page, type PageContext } from '../views/layout.js';
import { pageContext, sendHtml, type Web } from '../web.js';

const T = {
  title: { sv: 'Granskningslogg', en: 'Audit log' },
  when: { sv: 'När', en: 'When' },
  who: { sv: 'Vem', en: 'Who' },
  what: { sv: 'Vad', en: 'What' },
  subject: { sv: 'Gäller', en: 'Subject' },
  details: { sv: 'Detaljer', en: 'Details' },
  filter: { sv: 'Händelse börjar med', en: 'Action starts with' },
  older: { sv: 'Äldre', en: 'Older' },
} satisfies Record<string, Text>;

const PAGE_SIZE = 100;
const querySchema = { type: 'object', properties: { before: { type: 'integer', minimum: 1 }, action: { type: 'string', maxLength: 50 } } } as const;

export function registerAuditRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  server.get<{ Querystring: { before?: number; action?: string } }>('/audit', { config: { access: 'audit.read' }, schema: { querystring: querySchema } }, async (request, reply) => {
    const rows = await listAudit(db, { limit: PAGE_SIZE, beforeId: request.query.before, actionPrefix: request.query.action });
    return sendHtml(reply, auditPage(pageContext(web, request), rows, request.query.action ?? ''));
  });
  server.get<{ Querystring: { before?: number; action?: string } }>(
    '/api/v1/audit',
    { config: { access: 'audit.read' }, schema: { tags: ['admin'], summary: 'Audit log, newest first (page with ?before=<id>)', querystring: querySchema } },
    async (request) => listAudit(db, { limit: PAGE_SIZE, beforeId: request.query.before, actionPrefix: request.query.action }),
  );
}

function auditPage(ctx: PageContext, rows: AuditRow[], action: string): SafeHtml {
  const { lang } = ctx;
  const last = rows[rows.length - 1];
  const body = html`<form method="get" action="/audit" class="filters"><label>${tr(lang, T.filter)}<input name="action" value="${action}" placeholder="auth."></label><button type="submit">OK</button></form>
<table><thead><tr><th>${tr(lang, T.when)}</th><th>${tr(lang, T.who)}</th><th>${tr(lang, T.what)}</th><th>${tr(lang, T.subject)}</th><th>${tr(lang, T.details)}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${formatDateTime(lang, r.at)}</td><td>${r.actor}</td><td><code>${r.action}</code></td><td>${r.subject}</td><td class="small"><code>${JSON.stringify(r.details)}</code></td></tr>`)}</tbody></table>
${rows.length === PAGE_SIZE && last ? html`<p class="pager"><a href="${pathWithQuery('/audit', { before: last.id, action })}">${tr(lang, T.older)}</a></p>` : ''}`;
  return page(ctx, { title: tr(lang, T.title), active: '/audit', body });
}
