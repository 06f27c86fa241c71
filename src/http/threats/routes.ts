import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ThreatCaseStatus, ThreatLevel } from '../../db/schema/index.js';
import { CASE_VERDICTS, getCase, isCaseStatus, isCaseVerdict, listCases, reviewCase, ThreatCaseReviewError, type CaseReview } from '../../threat-cases/index.js';
import { reportCountsOfCases, reportPosts, reportsOfPosts } from '../../tipline/index.js';
import { reportBlock } from '../tipline/index.js';
import { html } from '../views/html.js';
import { currentUser, localPath, pageContext, sendHtml, type Web } from '../web.js';
import { registerThreatFeedbackRoutes } from './feedback-routes.js';
import { recordCard, registerCaseRecordRoutes } from './record-routes.js';
import { threatCasePage, threatQueuePage } from './views.js';

const LEVELS = ['low', 'medium', 'high', 'critical'];
const listQuery = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['', 'new', 'acknowledged', 'escalated', 'dismissed'] }, level: { type: 'string', enum: ['', ...LEVELS] } },
} as const;
type ListQuery = { Querystring: { status?: string; level?: string } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const reviewFields = {
  status: { type: 'string', enum: ['', 'new', 'acknowledged', 'escalated', 'dismissed'] },
  note: { type: 'string', maxLength: 2000 },
  policeRef: { type: 'string', maxLength: 100 },
  assignee: { type: 'string', maxLength: 100 },
  verdict: { type: 'string', enum: ['', ...CASE_VERDICTS] },
  verdictLevel: { type: 'string', enum: ['', ...LEVELS] },
} as const;
type ReviewBody = { status?: string; note?: string; policeRef?: string; assignee?: string; verdict?: string; verdictLevel?: string; back?: string };
const CASES_SHOWN = 200;

/** Empty form fields mean "not given". */
function toReview(actor: string, body: ReviewBody): CaseReview {
  const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const status = given(body.status);
  const verdict = given(body.verdict);
  return {
    actor,
    status: status && isCaseStatus(status) ? status : undefined,
    note: given(body.note),
    policeRef: given(body.policeRef),
    assignee: given(body.assignee),
    verdict: verdict && isCaseVerdict(verdict) ? verdict : undefined,
    verdictLevel: given(body.verdictLevel) as ThreatLevel | undefined,
  };
}

function filterOf(request: FastifyRequest<ListQuery>) {
  // The queue opens on what needs a decision: new cases.
  const status = request.query.status === undefined ? 'new' : request.query.status;
  const level = request.query.level ?? '';
  return { status, level, query: { status: (status || undefined) as ThreatCaseStatus | undefined, level: (level || undefined) as ThreatLevel | undefined, limit: CASES_SHOWN } };
}

export function registerThreatRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  registerThreatFeedbackRoutes(server, web);
  registerCaseRecordRoutes(server, web);

  server.get<ListQuery & { Querystring: { notice?: string } }>('/threats', { config: { access: 'threats.read' }, schema: { querystring: { ...listQuery, properties: { ...listQuery.properties, notice: { type: 'string' } } } } }, async (request, reply) => {
    const filter = filterOf(request);
    const cases = await listCases(db, filter.query);
    const reported = await reportCountsOfCases(db, cases.map((c) => c.id));
    return sendHtml(reply, threatQueuePage(pageContext(web, request), cases, { status: filter.status, level: filter.level }, request.query.notice, reported));
  });

  // `?ack=1` (the button of a critical alert) puts the acknowledge form first; a GET never changes a case, since
  // mail scanners (Safe Links) open every link of an email before a person does.
  server.get<{ Params: { id: number }; Querystring: { notice?: string; focus?: string; ack?: string } }>('/threats/:id', { config: { access: 'threats.read' }, schema: { params: idParams } }, async (request, reply) => {
    const detail = await getCase(db, request.params.id);
    const ctx = pageContext(web, request);
    // Staff reports in the case: who reported it (security roles only see this page) and the screenshots' OCR text.
    const postIds = detail.posts.map((p) => p.postId).filter((id): id is number => id !== null);
    const [reports, filed] = await Promise.all([reportsOfPosts(db, postIds), reportPosts(db, postIds)]);
    const reportsOf = (postId: number | null) => (postId === null || !reports.has(postId) ? '' : html`${reportBlock(ctx.lang, reports.get(postId)!, filed.get(postId) ?? null)}`);
    const record = recordCard(ctx, detail, web.app.config.privacy.secrecyMarking);
    return sendHtml(reply, threatCasePage(ctx, detail, { notice: request.query.notice, focus: request.query.focus, ack: request.query.ack === '1', reportsOf, record }));
  });

  server.post<{ Params: { id: number }; Body: ReviewBody }>(
    '/threats/:id/review',
    { config: { access: 'threats.write' }, schema: { params: idParams, body: { type: 'object', properties: { ...reviewFields, back: { type: 'string', maxLength: 500 } } } } },
    async (request, reply) => {
      const { id } = request.params;
      try {
        await reviewCase(db, id, toReview(currentUser(request).username, request.body), web.app.now());
      } catch (error) {
        if (!(error instanceof ThreatCaseReviewError)) throw error;
        return sendHtml(reply, threatCasePage(pageContext(web, request), await getCase(db, id), { error: error.message }), 409);
      }
      const back = request.body.back ? localPath(request.body.back, '') : '';
      return reply.redirect(back ? `${back}${back.includes('?') ? '&' : '?'}notice=reviewed` : `/threats/${id}?notice=reviewed`, 303);
    },
  );

  server.get<ListQuery>('/api/v1/threats', { config: { access: 'threats.read' }, schema: { tags: ['threats'], summary: 'Threat cases, most severe and newest first', querystring: listQuery } }, async (request) =>
    listCases(db, filterOf(request).query),
  );

  server.get<{ Params: { id: number } }>('/api/v1/threats/:id', { config: { access: 'threats.read' }, schema: { tags: ['threats'], summary: 'A threat case with its posts, history and the authors\' earlier posts', params: idParams } }, async (request) =>
    getCase(db, request.params.id),
  );

  server.post<{ Params: { id: number }; Body: ReviewBody }>(
    '/api/v1/threats/:id/review',
    { config: { access: 'threats.write' }, schema: { tags: ['threats'], summary: 'Change status (escalating needs policeRef), assign, or add a note', params: idParams, body: { type: 'object', properties: reviewFields } } },
    async (request) => ({ status: await reviewCase(db, request.params.id, toReview(currentUser(request).username, request.body), web.app.now()) }),
  );
}
