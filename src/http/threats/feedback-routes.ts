import type { FastifyInstance } from 'fastify';
import { auditLog } from '../../db/schema/index.js';
import { bandPrecision, listMissedPosts, loadConfiguredModel, markMissedPost, missedPostsJsonl, rulePrecision } from '../../threat-cases/index.js';
import { scoreText, type ThreatModel } from '../../threat-model/index.js';
import type { ThreatLevel } from '../../threats/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { threatStatsPage } from './feedback-views.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const missedBody = {
  type: 'object',
  required: ['level'],
  properties: { level: { type: 'string', enum: ['medium', 'high', 'critical'] }, note: { type: 'string', maxLength: 2000 } },
} as const;
type MissedBody = { level: ThreatLevel; note?: string };
const MISSED_SHOWN = 500;

/**
 * What reviewers' verdicts say (issue 15, item 4): precision per rule and per model score band, and the posts marked
 * as missed threats. Marking and exporting need threats.write (security roles) and are audited.
 */
export function registerThreatFeedbackRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  // The model in force scores a missed post that was never filed, so reviewers see whether it would have caught it.
  const settings = web.app.config.threats.model;
  let model: Promise<ThreatModel> | null = null;
  const scorer = async () => {
    if (!settings.enabled) return undefined;
    const loaded = await (model ??= loadConfiguredModel(settings.file).catch((error: unknown) => {
      model = null;
      throw error;
    }));
    return (text: string, lang: string | undefined) => scoreText(loaded, text, lang);
  };
  const mark = async (postId: number, body: MissedBody, actor: string) =>
    markMissedPost(db, { postId, level: body.level, note: body.note?.trim() || undefined, actor }, web.app.now(), await scorer());

  server.get<{ Querystring: { notice?: string } }>('/threats/stats', { config: { access: 'threats.read' } }, async (request, reply) => {
    const [rules, bands, missed] = await Promise.all([rulePrecision(db), bandPrecision(db), listMissedPosts(db, { withText: true, limit: MISSED_SHOWN })]);
    return sendHtml(reply, threatStatsPage(pageContext(web, request), { rules, bands, missed }, request.query.notice));
  });

  server.get('/api/v1/threats/stats', { config: { access: 'threats.read' }, schema: { tags: ['threats'], summary: "Precision per rule and per model score band from reviewers' verdicts" } }, async () => {
    const [rules, bands, missed] = await Promise.all([rulePrecision(db), bandPrecision(db), listMissedPosts(db, { withText: false, limit: 1_000_000 })]);
    return { rules, bands, missed: missed.length };
  });

  server.get('/api/v1/threats/missed', { config: { access: 'threats.read' }, schema: { tags: ['threats'], summary: 'Posts reviewers marked as missed threats, newest first, with their text' } }, async () =>
    listMissedPosts(db, { withText: true }),
  );

  server.post<{ Params: { id: number }; Body: MissedBody }>('/posts/:id/missed', { config: { access: 'threats.write' }, schema: { params: idParams, body: missedBody } }, async (request, reply) => {
    await mark(request.params.id, request.body, currentUser(request).username);
    return reply.redirect('/threats/stats?notice=missed#missed', 303);
  });

  server.post<{ Params: { id: number }; Body: MissedBody }>(
    '/api/v1/posts/:id/missed',
    { config: { access: 'threats.write' }, schema: { tags: ['threats'], summary: 'Mark a post as a threat the rules and the model missed', params: idParams, body: missedBody } },
    async (request) => mark(request.params.id, request.body, currentUser(request).username),
  );

  // The export holds post texts for retraining: security roles only, and who took it is in the audit log.
  server.get('/threats/missed.jsonl', { config: { access: 'threats.write' } }, async (request, reply) => {
    const rows = await listMissedPosts(db, { withText: true, limit: 100_000 });
    await db.insert(auditLog).values({ at: web.app.now(), actor: currentUser(request).username, action: 'threat-missed.export', subject: 'threat-missed', details: { posts: rows.length } });
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="vaksam-missed-threats.jsonl"')
      .header('cache-control', 'no-store')
      .send(missedPostsJsonl(rows));
  });
}
