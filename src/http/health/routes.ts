import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { scheduleDeps } from '../../app/index.js';
import { missingSchedules } from '../../pipeline/index.js';
import { sendError } from '../errors.js';
import type { Web } from '../web.js';
import { EXPOSITION_CONTENT_TYPE, formatMetrics } from './exposition.js';
import { collectMetrics } from './metrics.js';
import { checkReadiness } from './readiness.js';

const check = { type: 'object', properties: { ok: { type: 'boolean' }, detail: { type: 'string' } } } as const;
const readinessSchema = {
  type: 'object',
  properties: {
    ready: { type: 'boolean' },
    checks: { type: 'object', properties: { postgres: check, migrations: check, redis: check, redisEvictionPolicy: check, schedules: check } },
  },
} as const;

export function registerHealthRoutes(server: FastifyInstance, web: Web): void {
  server.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  server.get('/readyz', { config: { access: 'public' }, schema: { hide: true, response: { 200: readinessSchema, 503: readinessSchema } } }, async (_request, reply) => {
    const readiness = await checkReadiness(web.app.database.db, web.app.redis, missingSchedulesOf(web));
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });

  server.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const token = web.settings.metricsToken;
    if (token !== null && !bearerMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="vaksam-metrics"');
      return sendError(request, reply, 401, 'UNAUTHENTICATED', 'metrics need Authorization: Bearer <http.metricsToken>');
    }
    const metrics = await collectMetrics(web.app.database.db, web.queueInspector, web.app.now(), { missing: missingSchedulesOf(web), reconciler: web.app.reconciler });
    return reply.type(EXPOSITION_CONTENT_TYPE).send(formatMetrics(metrics));
  });
}

function missingSchedulesOf(web: Web) {
  const deps = scheduleDeps(web.app);
  return deps ? () => missingSchedules(deps) : null;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
