import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CatalogueError, narrativeToYaml } from '../../catalogue/index.js';
import { diffLines, getNarrativeVersion, listNarratives, narrativeHistory, restoreNarrativeVersion, saveNarrative } from '../../catalogue-store/index.js';
import { can } from '../../users/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { draftFromForm, narrativeFromForm } from './form.js';
import { matchCounts } from './queries.js';
import { narrativeTitles, titleOf } from './titles.js';
import { narrativeEditorPage, narrativeListPage, narrativeVersionPage, type EditorView } from './views.js';

type SlugParams = { Params: { slug: string } };
const slugParams = { type: 'object', required: ['slug'], properties: { slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 } } } as const;

export function registerNarrativePages(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const backtest = web.settings.backtest;

  server.get('/narratives', { config: { access: 'narratives.read' } }, async (request, reply) => {
    const [summaries, counts, titles] = await Promise.all([listNarratives(db), matchCounts(db, new Date(web.app.now().getTime() - 7 * 86_400_000)), narrativeTitles(db)]);
    const rows = summaries.map((s) => ({
      ...s,
      titleText: titleOf(titles, s.slug, request.lang),
      matches: counts.get(s.slug)?.matches ?? 0,
      spreading: counts.get(s.slug)?.spreading ?? 0,
    }));
    return sendHtml(reply, narrativeListPage(pageContext(web, request), rows));
  });

  const editor = async (request: FastifyRequest, reply: FastifyReply, slug: string, extra: Partial<EditorView> = {}, status = 200) => {
    const history = await narrativeHistory(db, slug);
    const current = history.find((h) => h.current)!;
    const narrative = extra.narrative ?? current.narrative;
    const view: EditorView = {
      title: current.narrative.title[request.lang],
      narrative,
      history,
      editable: can(currentUser(request).role, 'narratives.write'),
      backtestDays: backtest.defaultDays,
      maxDays: backtest.maxDays,
      ...extra,
    };
    return sendHtml(reply, narrativeEditorPage(pageContext(web, request), view), status);
  };

  server.get<SlugParams & { Querystring: { notice?: string } }>('/narratives/:slug', { config: { access: 'narratives.read' }, schema: { params: slugParams } }, async (request, reply) =>
    editor(request, reply, request.params.slug, { notice: request.query.notice }),
  );

  server.post<SlugParams & { Body: Record<string, string> }>(
    '/narratives/:slug',
    { config: { access: 'narratives.write' }, schema: { params: slugParams, body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } } } },
    async (request, reply) => {
      const { slug } = request.params;
      await getNarrativeVersion(db, slug);
      try {
        const narrative = narrativeFromForm(slug, request.body);
        const outcome = await saveNarrative(db, narrative, { actor: currentUser(request).username, reason: request.body.reason! });
        return reply.redirect(`/narratives/${slug}?notice=${outcome.changed ? 'saved' : 'unchanged'}`, 303);
      } catch (error) {
        if (!(error instanceof CatalogueError)) throw error;
        return editor(request, reply, slug, { narrative: draftFromForm(slug, request.body), problems: error.problems }, 422);
      }
    },
  );

  server.get<{ Params: { slug: string; version: number } }>(
    '/narratives/:slug/versions/:version',
    { config: { access: 'narratives.read' }, schema: { params: { type: 'object', properties: { slug: slugParams.properties.slug, version: { type: 'integer', minimum: 1 } } } } },
    async (request, reply) => {
      const { slug, version } = request.params;
      const history = await narrativeHistory(db, slug);
      const shown = await getNarrativeVersion(db, slug, version);
      const previous = history.find((h) => h.version < version);
      const current = history.find((h) => h.current)!;
      const yaml = narrativeToYaml(shown.narrative);
      return sendHtml(
        reply,
        narrativeVersionPage(pageContext(web, request), {
          titleText: current.narrative.title[request.lang],
          slug,
          version: shown,
          currentVersion: current.version,
          previous: previous ? { version: previous.version, diff: diffLines(narrativeToYaml(previous.narrative), yaml) } : null,
          againstCurrent: shown.current ? null : diffLines(yaml, narrativeToYaml(current.narrative)),
          editable: can(currentUser(request).role, 'narratives.write'),
        }),
      );
    },
  );

  server.post<SlugParams & { Body: { version: string; reason: string } }>(
    '/narratives/:slug/restore',
    {
      config: { access: 'narratives.write' },
      schema: { params: slugParams, body: { type: 'object', required: ['version', 'reason'], properties: { version: { type: 'string', pattern: '^[0-9]{1,9}$' }, reason: { type: 'string', minLength: 1, maxLength: 500 } } } },
    },
    async (request, reply) => {
      const { slug } = request.params;
      await restoreNarrativeVersion(db, slug, Number(request.body.version), { actor: currentUser(request).username, reason: request.body.reason });
      return reply.redirect(`/narratives/${slug}?notice=restored`, 303);
    },
  );
}
