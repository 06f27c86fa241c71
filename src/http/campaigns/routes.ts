import type { FastifyInstance } from 'fastify';
import { findCoordination } from '../../cluster-store/index.js';
import { VaksamError } from '../../errors/index.js';
import { narrativeTitles } from '../narratives/titles.js';
import { pageContext, sendHtml, type Web } from '../web.js';
import { clusterDetail, listClusters, type CampaignFilter } from './queries.js';
import { clusterPage, clustersPage, coordinationPage } from './views.js';

interface PeriodQuery {
  narrative?: string;
  stance?: string;
  from?: string;
  to?: string;
  days?: number;
}

const periodSchema = {
  type: 'object',
  properties: {
    narrative: { type: 'string', maxLength: 100 },
    stance: { type: 'string', enum: ['', 'spreading', 'countering', 'reporting'] },
    from: { type: 'string', maxLength: 40 },
    to: { type: 'string', maxLength: 40 },
    days: { type: 'integer', minimum: 1, maximum: 90 },
  },
} as const;

/** Longest period a page reads: the pages scan posts, so a link cannot ask for years. */
const MAX_PERIOD_DAYS = 90;
const DAY = 86_400_000;

/** The period of a campaign page: `from`/`to` (ISO, as alert links give them), else the last `days` (default lookbackDays). */
export function campaignFilter(query: PeriodQuery, now: Date, lookbackDays: number): CampaignFilter {
  const to = query.to ? instant(query.to, 'to') : now;
  const from = query.from ? instant(query.from, 'from') : new Date(to.getTime() - (query.days ?? lookbackDays) * DAY);
  if (from.getTime() >= to.getTime()) throw new VaksamError('CAMPAIGN_PERIOD_INVALID', `from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) {
    throw new VaksamError('CAMPAIGN_PERIOD_INVALID', `the period may be at most ${MAX_PERIOD_DAYS} days; got ${from.toISOString()} – ${to.toISOString()}`);
  }
  return { from, to, slug: query.narrative || null, stance: query.stance || null };
}

function instant(value: string, name: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new VaksamError('CAMPAIGN_PERIOD_INVALID', `${name} is not a date and time: '${value.slice(0, 40)}'; expected ISO 8601, e.g. 2026-11-20T12:00:00Z`);
  return new Date(ms);
}

/** Near-duplicate clusters and coordinated sharing (issue 18): the pages alert emails and the digest link to. */
export function registerCampaignRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const settings = web.app.config.clusters;

  server.get<{ Querystring: PeriodQuery }>('/clusters', { config: { access: 'posts.read' }, schema: { querystring: periodSchema } }, async (request, reply) => {
    const filter = campaignFilter(request.query, web.app.now(), settings.coordination.lookbackDays);
    const [clusters, titles] = await Promise.all([listClusters(db, filter), narrativeTitles(db)]);
    return sendHtml(reply, clustersPage(pageContext(web, request), { filter, titles, clusters }));
  });

  server.get<{ Params: { id: number } }>(
    '/clusters/:id',
    { config: { access: 'posts.read' }, schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } },
    async (request, reply) => {
      const detail = await clusterDetail(db, request.params.id);
      if (!detail) throw new VaksamError('NOT_FOUND', `no text cluster ${request.params.id}`);
      return sendHtml(reply, clusterPage(pageContext(web, request), detail));
    },
  );

  server.get<{ Querystring: PeriodQuery }>('/coordination', { config: { access: 'posts.read' }, schema: { querystring: periodSchema } }, async (request, reply) => {
    const filter = campaignFilter(request.query, web.app.now(), settings.coordination.lookbackDays);
    const [networks, titles] = await Promise.all([findCoordination(db, filter, settings.coordination), narrativeTitles(db)]);
    return sendHtml(
      reply,
      coordinationPage(pageContext(web, request), { filter, titles, networks, windowSeconds: settings.coordination.windowSeconds, minRepeats: settings.coordination.minRepeats }),
    );
  });
}
