import type { FastifyInstance } from 'fastify';
import { collectDeps, sourceAdminDeps } from '../../app/index.js';
import { getSource, listSources, recentFetchRuns } from '../../db/queries/index.js';
import { VaksamError } from '../../errors/index.js';
import { pauseSource, resumeSource, SourceNotFoundError, testSource } from '../../pipeline/index.js';
import type { CollectResult } from '../../sources/index.js';
import { can, recordAudit } from '../../users/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { sourcePage, sourcesPage, sourceTestPage, type TestOutcome } from './views.js';

type IdParams = { Params: { id: number } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export function registerSourceRoutes(server: FastifyInstance, web: Web): void {
  const { app } = web;
  const db = app.database.db;

  /** A dry run through the adapter; failures are answers here, not errors: that is what "test" is for. */
  async function runTest(id: number, actor: string): Promise<TestOutcome> {
    await recordAudit(db, { actor, action: 'source.test', subject: `source:${id}`, at: app.now() });
    try {
      return { ok: true, result: await testSource(collectDeps(app), id) };
    } catch (error) {
      if (error instanceof SourceNotFoundError) throw error;
      if (error instanceof VaksamError) return { ok: false, code: error.code, message: error.message };
      app.log.warn({ sourceId: id, err: (error as Error).message }, 'source test failed unexpectedly');
      return { ok: false, code: 'UNEXPECTED', message: (error as Error).message };
    }
  }

  server.get<{ Querystring: { notice?: string } }>('/sources', { config: { access: 'sources.read' } }, async (request, reply) => {
    const rows = await listSources(db);
    return sendHtml(reply, sourcesPage(pageContext(web, request), rows, { canWrite: can(currentUser(request).role, 'sources.write'), notice: request.query.notice }));
  });

  server.get<IdParams>('/sources/:id', { config: { access: 'sources.read' }, schema: { params: idParams } }, async (request, reply) => {
    const source = await getSource(db, request.params.id);
    if (!source) throw new SourceNotFoundError(request.params.id);
    const runs = await recentFetchRuns(db, source.id, 10);
    return sendHtml(reply, sourcePage(pageContext(web, request), source, runs, can(currentUser(request).role, 'sources.write')));
  });

  server.post<IdParams>('/sources/:id/test', { config: { access: 'sources.write' }, schema: { params: idParams } }, async (request, reply) => {
    const source = await getSource(db, request.params.id);
    if (!source) throw new SourceNotFoundError(request.params.id);
    const outcome = await runTest(source.id, currentUser(request).username);
    return sendHtml(reply, sourceTestPage(pageContext(web, request), source, outcome));
  });

  for (const [action, change] of [['pause', pauseSource], ['resume', resumeSource]] as const) {
    server.post<IdParams>(`/sources/:id/${action}`, { config: { access: 'sources.write' }, schema: { params: idParams } }, async (request, reply) => {
      await change(sourceAdminDeps(app), request.params.id);
      await recordAudit(db, { actor: currentUser(request).username, action: `source.${action}`, subject: `source:${request.params.id}`, at: app.now() });
      return reply.redirect(`/sources?notice=${action === 'pause' ? 'paused' : 'resumed'}#source-${request.params.id}`, 303);
    });
  }

  server.get('/api/v1/sources', { config: { access: 'sources.read' }, schema: { tags: ['sources'], summary: 'Sources with health, last success and last error' } }, async () => {
    const rows = await listSources(db);
    return rows.map(({ cursor: _cursor, identityKey: _key, ...row }) => row);
  });

  server.post<IdParams>(
    '/api/v1/sources/:id/test',
    { config: { access: 'sources.write' }, schema: { tags: ['sources'], summary: 'Fetch a source once without storing anything, and report what came back', params: idParams } },
    async (request) => {
      const outcome = await runTest(request.params.id, currentUser(request).username);
      return outcome.ok ? { ok: true, ...summarise(outcome.result) } : outcome;
    },
  );
}

function summarise(result: CollectResult) {
  return {
    httpStatus: result.httpStatus,
    notModified: result.notModified,
    bytes: result.bytes,
    items: result.items.length,
    quarantined: result.quarantined.length,
    warnings: result.warnings,
    sample: result.items.slice(0, 5).map((i) => ({ externalId: i.externalId, title: i.title, url: i.url, publishedAt: i.publishedAt })),
  };
}
