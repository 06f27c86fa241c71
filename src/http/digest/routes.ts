import type { FastifyInstance } from 'fastify';
import { addWeeks, formatIsoWeek, isoWeekAt, loadDigestStats, parseIsoWeek } from '../../digest/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { digestPage, readerOf } from './views.js';

const weekParams = { type: 'object', required: ['week'], properties: { week: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' } } } as const;

/** The weekly digest in the web UI, for the signed-in user's role: where the digest email's button leads. */
export function registerDigestRoutes(server: FastifyInstance, web: Web): void {
  const { app } = web;
  const source = { db: app.database.db, settings: { timeZone: app.config.alerts.timeZone } };

  server.get('/digest', { config: { access: 'overview.read' } }, async (_request, reply) => {
    const lastWeek = addWeeks(isoWeekAt(app.now(), app.config.alerts.timeZone), -1);
    return reply.redirect(`/digest/${formatIsoWeek(lastWeek)}`, 303);
  });

  server.get<{ Params: { week: string } }>('/digest/:week', { config: { access: 'overview.read' }, schema: { params: weekParams } }, async (request, reply) => {
    const week = parseIsoWeek(request.params.week);
    const stats = await loadDigestStats(source, app.config.digest, week);
    const current = isoWeekAt(app.now(), app.config.alerts.timeZone);
    const view = { stats, reader: readerOf(currentUser(request).role, request.lang), previous: formatIsoWeek(addWeeks(week, -1)), next: formatIsoWeek(week) === formatIsoWeek(current) ? null : formatIsoWeek(addWeeks(week, 1)) };
    return sendHtml(reply, digestPage(pageContext(web, request), view, app.config.alerts.timeZone));
  });
}
