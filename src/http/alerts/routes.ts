import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resendAlert } from '../../alerts/index.js';
import { alertDepsFromApp } from '../../app/index.js';
import { getAlert, listAlerts, waitingAlertCounts } from '../../db/queries/index.js';
import { alertChannelPosts } from '../../db/queries/index.js';
import { outboxStatusCounts } from '../../db/queries/index.js';
import { ALERT_KINDS, THREAT_ALERT_KINDS, type AlertKind, type OutboxStatus } from '../../db/schema/index.js';
import { VaksamError } from '../../errors/index.js';
import { can, recordAudit } from '../../users/index.js';
import { narrativeTitles } from '../narratives/titles.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { alertListPage, alertPage } from './views.js';

const LIST_LIMIT = 200;
const STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;

const listQuery = {
  type: 'object',
  properties: { kind: { type: 'string', enum: ['', ...ALERT_KINDS] }, status: { type: 'string', enum: ['', ...STATUSES] } },
} as const;
type ListQuery = { Querystring: { kind?: AlertKind | ''; status?: OutboxStatus | '' } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const count = { type: 'integer', minimum: 0, maximum: 100_000 } as const;

export function registerAlertRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  /** Threat alerts name staff and places: security and admin only. */
  const visibleKinds = (request: FastifyRequest) => (can(currentUser(request).role, 'threats.read') ? ALERT_KINDS : ALERT_KINDS.filter((k) => !THREAT_ALERT_KINDS.includes(k)));

  async function visibleAlerts(request: FastifyRequest, kind: AlertKind | null, status: OutboxStatus | null) {
    const kinds = visibleKinds(request);
    if (kind && !kinds.includes(kind)) return [];
    const rows = await listAlerts(db, { limit: LIST_LIMIT, kind: kind ?? undefined, status: status ?? undefined });
    return rows.filter((a) => kinds.includes(a.kind));
  }

  async function visibleAlert(request: FastifyRequest, id: number) {
    const alert = await getAlert(db, id);
    if (!alert || !visibleKinds(request).includes(alert.kind)) throw new VaksamError('NOT_FOUND', `no alert ${id}`);
    return alert;
  }

  const waitingSince = () => new Date(web.app.now().getTime() - Math.max(...Object.values(web.app.config.alerts.waitingHours)) * 3_600_000);

  server.get<ListQuery>('/alerts', { config: { access: 'alerts.read' }, schema: { querystring: listQuery } }, async (request, reply) => {
    const kind = request.query.kind || null;
    const status = request.query.status || null;
    const [alerts, outbox, titles, waiting] = await Promise.all([visibleAlerts(request, kind, status), outboxStatusCounts(db), narrativeTitles(db), waitingAlertCounts(db, waitingSince())]);
    return sendHtml(reply, alertListPage(pageContext(web, request), { alerts, kinds: visibleKinds(request), kind, status, outbox, titles, waiting }));
  });

  server.get<{ Params: { id: number }; Querystring: { notice?: string; requeued?: number; added?: number } }>(
    '/alerts/:id',
    { config: { access: 'alerts.read' }, schema: { params: idParams, querystring: { type: 'object', properties: { notice: { type: 'string' }, requeued: count, added: count } } } },
    async (request, reply) => {
      const alert = await visibleAlert(request, request.params.id);
      const [posts, titles] = await Promise.all([alertChannelPosts(db, alert.id), narrativeTitles(db)]);
      const resent = request.query.notice === 'resent' ? { requeued: request.query.requeued ?? 0, added: request.query.added ?? 0 } : null;
      return sendHtml(reply, alertPage(pageContext(web, request), { ...alert, channelPosts: posts }, { canResend: can(currentUser(request).role, 'alerts.resend'), notice: request.query.notice, resent, titles, waitingHours: web.app.config.alerts.waitingHours }));
    },
  );

  /** Puts failed (or, with all, every) email and post of the alert back in the queue, and sends it to recipients added since. */
  async function resend(request: FastifyRequest, id: number, all: boolean) {
    await visibleAlert(request, id);
    const outcome = await resendAlert(alertDepsFromApp(web.app), id, all);
    if (!outcome) throw new VaksamError('NOT_FOUND', `no alert ${id}`);
    await recordAudit(db, { actor: currentUser(request).username, action: 'alert.resend', subject: `alert:${id}`, details: { ...outcome, all }, at: web.app.now() });
    return outcome;
  }

  server.post<{ Params: { id: number }; Body: { all?: string } }>('/alerts/:id/resend', { config: { access: 'alerts.resend' }, schema: { params: idParams } }, async (request, reply) => {
    const outcome = await resend(request, request.params.id, request.body?.all === 'true');
    const done = outcome.requeued + outcome.added > 0;
    const query = done ? `notice=resent&requeued=${outcome.requeued}&added=${outcome.added}` : `notice=${outcome.nobody ? 'nobody' : 'nothing-to-resend'}`;
    return reply.redirect(`/alerts/${request.params.id}?${query}`, 303);
  });

  server.get<ListQuery>('/api/v1/alerts', { config: { access: 'alerts.read' }, schema: { tags: ['alerts'], summary: 'Alerts, newest first, with email counts by status', querystring: listQuery } }, async (request) =>
    visibleAlerts(request, request.query.kind || null, request.query.status || null),
  );

  server.post<{ Params: { id: number }; Body: { all?: boolean } }>(
    '/api/v1/alerts/:id/resend',
    {
      config: { access: 'alerts.resend' },
      schema: {
        tags: ['alerts'],
        summary: "Send an alert's failed emails and posts (or all) again, and to recipients added since who never got it",
        params: idParams,
        body: { type: 'object', properties: { all: { type: 'boolean' } } },
      },
    },
    async (request) => resend(request, request.params.id, request.body?.all ?? false),
  );
}
