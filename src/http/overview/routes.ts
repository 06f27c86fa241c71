import type { FastifyInstance } from 'fastify';
import { unreachedRoles } from '../../alerts/index.js';
import { waitingAlertCounts } from '../../db/queries/index.js';
import { can } from '../../users/index.js';
import { narrativeTitles } from '../narratives/titles.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { narrativeVoices } from '../../db/queries/index.js';
import { activeSurges, dailyCounts, recentThreatLevels, sourceHealth } from './queries.js';
import { overviewPage } from './views.js';
import { countOpenThreatCases } from '../threats/queries.js';

const DAY_CHOICES = [7, 14, 30, 90];

export function registerOverviewRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  server.get<{ Querystring: { days?: string } }>('/', { config: { access: 'overview.read' } }, async (request, reply) => {
    const daysBack = DAY_CHOICES.includes(Number(request.query.days)) ? Number(request.query.days) : 14;
    const now = web.app.now();
    const seesThreats = can(currentUser(request).role, 'threats.read');
    const waitingSince = new Date(now.getTime() - Math.max(...Object.values(web.app.config.alerts.waitingHours)) * 3_600_000);
    const [counts, titles, surges, health, threats, roles, waiting, voices] = await Promise.all([
      dailyCounts(db, daysBack, now),
      narrativeTitles(db),
      activeSurges(db),
      sourceHealth(db),
      seesThreats ? Promise.all([countOpenThreatCases(db), recentThreatLevels(db, 7, now)]) : null,
      unreachedRoles({ db, channels: web.app.config.channels }),
      waitingAlertCounts(db, waitingSince),
      narrativeVoices(db, { from: new Date(now.getTime() - daysBack * 86_400_000), to: now, stance: 'spreading' }),
    ]);
    const unreached = { roles, waiting: roles.reduce((n, role) => n + (waiting[role] ?? 0), 0) };
    const view = { daysBack, counts, titles, surges, health, threats: threats ? { openCases: threats[0], levels: threats[1] } : null, unreached, voices };
    return sendHtml(reply, overviewPage(pageContext(web, request), view));
  });
}
