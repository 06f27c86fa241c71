import type { FastifyInstance } from 'fastify';
import { compileQuery, QuerySyntaxError, validateNarrative, type QueryLang } from '../../catalogue/index.js';
import { getNarrativeVersion, listNarratives, narrativeHistory, restoreNarrativeVersion, saveNarrative } from '../../catalogue-store/index.js';
import { backtestNarrative } from '../../classify-store/index.js';
import { currentUser, type Web } from '../web.js';

const slugParams = { type: 'object', required: ['slug'], properties: { slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 } } } as const;
const narrativeBody = { type: 'object', description: 'A narrative definition, as in config/narratives/*.yaml', additionalProperties: true } as const;
const sample = {
  type: 'object',
  properties: {
    postId: { type: 'integer' },
    url: { type: ['string', 'null'] },
    at: { type: 'string' },
    excerpt: { type: 'string' },
    score: { type: 'number' },
    stance: { type: 'string' },
    matched: { type: 'array', items: { type: 'string' } },
  },
} as const;
const count = { type: 'integer' } as const;
/** Examples per list: enough to judge a change, small enough to read. */
const MAX_SAMPLES = 50;

export function registerNarrativeApi(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const { backtest } = web.settings;

  server.get('/api/v1/narratives', { config: { access: 'narratives.read' }, schema: { tags: ['narratives'], summary: 'Narratives with their version in force' } }, async () => listNarratives(db));

  server.get<{ Params: { slug: string } }>(
    '/api/v1/narratives/:slug',
    { config: { access: 'narratives.read' }, schema: { tags: ['narratives'], summary: 'A narrative in force and its version history', params: slugParams } },
    async (request) => {
      const history = await narrativeHistory(db, request.params.slug);
      const current = history.find((h) => h.current)!;
      return {
        narrative: current.narrative,
        version: current.version,
        history: history.map(({ narrative: _n, ...h }) => h),
      };
    },
  );

  server.put<{ Params: { slug: string }; Body: { narrative: Record<string, unknown>; reason: string } }>(
    '/api/v1/narratives/:slug',
    {
      config: { access: 'narratives.write' },
      schema: {
        tags: ['narratives'],
        summary: 'Save a narrative as a new version (no version when nothing changed)',
        params: slugParams,
        body: { type: 'object', required: ['narrative', 'reason'], properties: { narrative: narrativeBody, reason: { type: 'string', minLength: 1, maxLength: 500 } } },
      },
    },
    async (request) => {
      const { slug } = request.params;
      await getNarrativeVersion(db, slug);
      const narrative = validateNarrative({ ...request.body.narrative, slug }, `narrative ${slug}`);
      return saveNarrative(db, narrative, { actor: currentUser(request).username, reason: request.body.reason });
    },
  );

  server.post<{ Params: { slug: string }; Body: { version: number; reason: string } }>(
    '/api/v1/narratives/:slug/restore',
    {
      config: { access: 'narratives.write' },
      schema: {
        tags: ['narratives'],
        summary: 'Make an old version current again (saved as a new version)',
        params: slugParams,
        body: { type: 'object', required: ['version', 'reason'], properties: { version: { type: 'integer', minimum: 1 }, reason: { type: 'string', minLength: 1, maxLength: 500 } } },
      },
    },
    async (request) => restoreNarrativeVersion(db, request.params.slug, request.body.version, { actor: currentUser(request).username, reason: request.body.reason }),
  );

  server.post<{ Params: { slug: string }; Body: { narrative: Record<string, unknown>; days?: number } }>(
    '/api/v1/narratives/:slug/backtest',
    {
      config: { access: 'narratives.write' },
      schema: {
        tags: ['narratives'],
        summary: 'What a draft would add and drop compared with the saved version, over stored posts of the last days',
        params: slugParams,
        body: { type: 'object', required: ['narrative'], properties: { narrative: narrativeBody, days: { type: 'integer', minimum: 1, maximum: backtest.maxDays } } },
        response: {
          200: {
            type: 'object',
            properties: {
              slug: { type: 'string' },
              from: { type: 'string' },
              to: { type: 'string' },
              postsScanned: count,
              saved: count,
              draft: count,
              added: count,
              dropped: count,
              kept: count,
              perDay: { type: 'array', items: { type: 'object', properties: { day: { type: 'string' }, saved: count, draft: count, added: count, dropped: count } } },
              samples: { type: 'object', properties: { added: { type: 'array', items: sample }, dropped: { type: 'array', items: sample } } },
            },
          },
        },
      },
    },
    async (request) => {
      const { slug } = request.params;
      await getNarrativeVersion(db, slug);
      const draft = validateNarrative({ ...request.body.narrative, slug }, `draft of ${slug}`);
      const to = web.app.now();
      const from = new Date(to.getTime() - (request.body.days ?? backtest.defaultDays) * 86_400_000);
      return backtestNarrative(db, draft, { from, to, samples: MAX_SAMPLES });
    },
  );

  server.post<{ Body: { query: string; lang?: QueryLang } }>(
    '/api/v1/query/check',
    {
      config: { access: 'narratives.read' },
      schema: {
        tags: ['narratives'],
        summary: 'Check a rule query; on a syntax error, say where and what was expected',
        body: { type: 'object', required: ['query'], properties: { query: { type: 'string', maxLength: 200_000 }, lang: { type: 'string', enum: ['sv', 'en', 'ar', 'any'] } } },
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              error: { type: 'object', properties: { message: { type: 'string' }, position: { type: 'integer' }, expected: { type: 'array', items: { type: 'string' } } } },
            },
          },
        },
      },
    },
    async (request) => {
      try {
        compileQuery(request.body.query, { lang: request.body.lang ?? 'any' });
        return { ok: true };
      } catch (error) {
        if (!(error instanceof QuerySyntaxError)) throw error;
        return { ok: false, error: { message: error.message, position: error.position, expected: [...error.expected] } };
      }
    },
  );
}
