import { capitalised, term } from '../views/labels.js';
import type { FastifyInstance } from 'fastify';
import { isQueueName } from '../../queue/index.js';
import { JOB_STATES, type FailedJob, type QueueCounts } from '../queues/stats.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, formatNumber, tr, type Text } from '../views/i18n.js';
import { page, type PageContext } from '../views/layout.js';
import { pageContext, sendHtml, type Web } from '../web.js';

const T = {
  title: { sv: 'Köer', en: 'Queues' },
  queue: { sv: 'Kö', en: 'Queue' },
  noRedis: { sv: 'Redis är inte anslutet: köerna kan inte visas.', en: 'Redis is not connected: queues cannot be shown.' },
  failed: { sv: 'Senast misslyckade jobb i {queue}', en: 'Latest failed jobs in {queue}' },
  none: { sv: 'Inga misslyckade jobb.', en: 'No failed jobs.' },
  help: { sv: 'Skrivskyddad vy. Jobben innehåller bara id:n, aldrig inläggstext.', en: 'Read-only view. Jobs hold ids only, never post text.' },
  job: { sv: 'Jobb', en: 'Job' },
  attempts: { sv: 'Försök', en: 'Attempts' },
  finished: { sv: 'Avslutat', en: 'Finished' },
  reason: { sv: 'Orsak', en: 'Reason' },
  data: { sv: 'Data', en: 'Data' },
} satisfies Record<string, Text>;

const FAILED_SHOWN = 20;

export function registerQueueRoutes(server: FastifyInstance, web: Web): void {
  server.get<{ Querystring: { failed?: string } }>('/queues', { config: { access: 'queues.read' } }, async (request, reply) => {
    const inspector = web.queueInspector;
    const ctx = pageContext(web, request);
    if (!inspector) return sendHtml(reply, page(ctx, { title: tr(ctx.lang, T.title), active: '/queues', body: html`<p class="error">${tr(ctx.lang, T.noRedis)}</p>` }), 503);
    const counts = await inspector.counts();
    const chosen = request.query.failed && isQueueName(request.query.failed) ? request.query.failed : null;
    const failed = chosen ? await inspector.failed(chosen, FAILED_SHOWN) : null;
    return sendHtml(reply, queuesPage(ctx, counts, chosen, failed));
  });
  server.get('/api/v1/queues', { config: { access: 'queues.read' }, schema: { tags: ['admin'], summary: 'Jobs per queue and state' } }, async (_request, reply) => {
    if (!web.queueInspector) return reply.code(503).send({ error: { code: 'REDIS_UNAVAILABLE', message: 'Redis is not connected' } });
    return web.queueInspector.counts();
  });
}

function queuesPage(ctx: PageContext, counts: QueueCounts[], chosen: string | null, failed: FailedJob[] | null): SafeHtml {
  const { lang } = ctx;
  const body = html`<p class="muted small">${tr(lang, T.help)}</p>
<table class="cards"><thead><tr><th>${tr(lang, T.queue)}</th>${JOB_STATES.map((s) => html`<th class="num">${capitalised(term(lang, 'jobState', s))}</th>`)}</tr></thead>
<tbody>${counts.map((q) => html`<tr><td data-label="${tr(lang, T.queue)}">${capitalised(term(lang, 'queue', q.queue))}</td>${JOB_STATES.map((s) => html`<td class="num" data-label="${capitalised(term(lang, 'jobState', s))}">${s === 'failed' && q.counts.failed > 0 ? html`<a href="/queues?failed=${q.queue}">${formatNumber(lang, q.counts.failed)}</a>` : formatNumber(lang, q.counts[s])}</td>`)}</tr>`)}</tbody></table>
${chosen && failed ? html`<h2>${tr(lang, T.failed, { queue: term(lang, 'queue', chosen) })}</h2>${failed.length === 0 ? html`<p class="muted">${tr(lang, T.none)}</p>` : html`<table class="small cards"><thead><tr><th>${tr(lang, T.job)}</th><th>${tr(lang, T.attempts)}</th><th>${tr(lang, T.finished)}</th><th>${tr(lang, T.reason)}</th><th>${tr(lang, T.data)}</th></tr></thead>
<tbody>${failed.map((j) => html`<tr><td data-label="${tr(lang, T.job)}">${j.id}</td><td class="num" data-label="${tr(lang, T.attempts)}">${j.attemptsMade}</td><td data-label="${tr(lang, T.finished)}">${formatDateTime(lang, j.finishedOn)}</td><td data-label="${tr(lang, T.reason)}">${j.failedReason}</td><td data-label="${tr(lang, T.data)}"><code>${JSON.stringify(j.data).slice(0, 200)}</code></td></tr>`)}</tbody></table>`}` : ''}`;
  return page(ctx, { title: tr(lang, T.title), active: '/queues', body });
}
