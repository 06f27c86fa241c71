import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getAlert, listAlerts } from '../../db/queries/alerts.js';
import { outboxStatusCounts, requeueAlertEmails } from '../../db/queries/outbox.js';
import type { AlertKind, OutboxStatus } from '../../db/schema/index.js';
import { VaksamError } from '../../errors/index.js';
import { can, recordAudit } from '../../users/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { alertListPage, alertPage } from './views.js';

const KINDS: readonly AlertKind[] = ['surge', 'threat', 'threat-batch', 'source-silence', 'digest', 'test'];
/** Threat alerts name staff and places: security and admin only. */
const THREAT_KINDS: readonly AlertKind[] = ['threat', 'threat-batch'];
const LIST_LIMIT = 200;

const listQuery = {
  type: 'object',
  properties: { kind: { type: 'string', enum: ['', ...KINDS] }, status: { type: 'string', enum: ['', 'pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] } },
} as const;
type ListQuery = { Querystring: { kind?: AlertKind | ''; status?: OutboxStatus | '' } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export function registerAlertRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const visibleKinds = (request: FastifyRequest) => (can(currentUser(request).role, 'threats.read') ? KINDS : KINDS.filter((k) => !THREAT_KINDS.includes(k)));

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

  server.get<ListQuery>('/alerts', { config: { access: 'alerts.read' }, schema: { querystring: listQuery } }, async (request, reply) => {
    const kind = request.query.kind || null;
    const status = request.query.status || null;
    const [alerts, outbox] = await Promise.all([visibleAlerts(request, kind, status), outboxStatusCounts(db)]);
    return sendHtml(reply, alertListPage(pageContext(web, request), { alerts, kinds: visibleKinds(request), kind, status, outbox }));
  });

  server.get<{ Params: { id: number }; Querystring: { notice?: string } }>('/alerts/:id', { config: { access: 'alerts.read' }, schema: { params: idParams } }, async (request, reply) => {
    const alert = await visibleAlert(request, request.params.id);
    return sendHtml(reply, alertPage(pageContext(web, request), alert, { canResend: can(currentUser(request).role, 'alerts.resend'), notice: request.query.notice }));
  });

  /** Puts failed (or, with all=true, every) email of the alert back in the outbox and wakes the mail queue. */
  async function resend(request: FastifyRequest, id: number, all: boolean): Promise<number> {
    await visibleAlert(request, id);
    const ids = await requeueAlertEmails(db, id, web.app.now(), all);
    if (ids.length > 0) await web.app.queues?.enqueueMail(ids);
    await recordAudit(db, { actor: currentUser(request).username, action: 'alert.resend', subject: `alert:${id}`, details: { emails: ids.length, all }, at: web.app.now() });
    return ids.length;
  }

  server.post<{ Params: { id: number }; Body: { all?: string } }>('/alerts/:id/resend', { config: { access: 'alerts.resend' }, schema: { params: idParams } }, async (request, reply) => {
    const n = await resend(request, request.params.id, request.body?.all === 'true');
    return reply.redirect(`/alerts/${request.params.id}?notice=${n > 0 ? 'resent' : 'nothing-to-resend'}`, 303);
  });

  server.get<ListQuery>('/api/v1/alerts', { config: { access: 'alerts.read' }, schema: { tags: ['alerts'], summary: 'Alerts, newest first, with email counts by status', querystring: listQuery } }, async (request) =>
    visibleAlerts(request, request.query.kind || null, request.query.status || null),
  );

  server.post<{ Params: { id: number }; Body: { all?: boolean } }>(
    '/api/v1/alerts/:id/resend',
    { config: { access: 'alerts.resend' }, schema: { tags: ['alerts'], summary: "Send an alert's failed emails (or all) again", params: idParams, body: { type: 'object', properties: { all: { type: 'boolean' } } } } },
    async (request) => ({ requeued: await resend(request, request.params.id, request.body?.all ?? false) }),
  );
}
