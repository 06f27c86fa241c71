import type { FastifyInstance } from 'fastify';
import { can } from '../../users/index.js';
import { narrativeTitles } from '../narratives/titles.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { getPost, searchPosts, type PostHit, type PostSearch } from './queries.js';
import { postPage, postSearchPage } from './views.js';
import { VaksamError } from '../../errors/index.js';

interface SearchQuery {
  q?: string;
  narrative?: string;
  lang?: string;
  source?: number;
  days?: number;
  page?: number;
}

const searchSchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 500 },
    narrative: { type: 'string', maxLength: 100 },
    lang: { type: 'string', maxLength: 10 },
    source: { type: 'integer', minimum: 1 },
    days: { type: 'integer', minimum: 1, maximum: 3650 },
    page: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

const PAGE_SIZE = 50;

function toSearch(query: SearchQuery, hideThreats: boolean): PostSearch {
  return { hideThreats, q: query.q ?? '', narrative: query.narrative || null, lang: query.lang || null, sourceId: query.source ?? null, days: query.days ?? null, page: query.page ?? 1, pageSize: PAGE_SIZE };
}

export function registerPostRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;

  server.get<{ Querystring: SearchQuery }>('/posts', { config: { access: 'posts.read' }, schema: { querystring: searchSchema } }, async (request, reply) => {
    const showThreats = can(currentUser(request).role, 'threats.read');
    const search = toSearch(request.query, !showThreats);
    const [{ hits, more }, titles] = await Promise.all([searchPosts(db, search, web.app.now()), narrativeTitles(db)]);
    return sendHtml(reply, postSearchPage(pageContext(web, request), { search, hits, more, titles, showThreats, canMarkMissed: can(currentUser(request).role, 'threats.write') }));
  });

  server.get<{ Params: { id: number } }>(
    '/posts/:id',
    { config: { access: 'posts.read' }, schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } },
    async (request, reply) => {
      const showThreats = can(currentUser(request).role, 'threats.read');
      const detail = await getPost(db, request.params.id, !showThreats);
      if (!detail) throw new VaksamError('NOT_FOUND', `no post ${request.params.id}`);
      return sendHtml(reply, postPage(pageContext(web, request), detail, await narrativeTitles(db), showThreats, can(currentUser(request).role, 'threats.write')));
    },
  );

  server.get<{ Querystring: SearchQuery }>(
    '/api/v1/posts',
    { config: { access: 'posts.read' }, schema: { tags: ['posts'], summary: 'Full-text search of stored posts (websearch syntax), newest first', querystring: searchSchema } },
    async (request) => {
      const showThreats = can(currentUser(request).role, 'threats.read');
      const { hits, more } = await searchPosts(db, toSearch(request.query, !showThreats), web.app.now());
      return { posts: hits.map((h): PostHit => (showThreats ? h : { ...h, threatLevel: null })), more };
    },
  );
}
