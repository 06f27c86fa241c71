import type { FastifyInstance } from 'fastify';
import type { ReportStatus } from '../../db/schema/index.js';
import { getReport, listReports, normalizeReference, ReportNotFoundError, reportPosts, screenshotImage } from '../../tipline/index.js';
import { recordAudit } from '../../users/index.js';
import { sendError } from '../errors.js';
import { html } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { page } from '../views/layout.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { reportBlock } from './report-block.js';
import { CONCERN_NAMES } from './report-form.js';

const T = {
  list: { sv: 'Rapporter från personal', en: 'Reports from staff' },
  report: { sv: 'Rapport {ref}', en: 'Report {ref}' },
  reference: { sv: 'Referens', en: 'Reference' },
  received: { sv: 'Mottagen', en: 'Received' },
  reporter: { sv: 'Rapporterat av', en: 'Reported by' },
  concerns: { sv: 'Gäller', en: 'Concerns' },
  status: { sv: 'Status', en: 'Status' },
  case: { sv: 'Hotärende', en: 'Threat case' },
  none: { sv: 'Inga rapporter.', en: 'No reports.' },
  links: { sv: 'Hemliga länkar för personal utan konto', en: 'Secret links for staff without an account' },
  openCase: { sv: 'Öppna hotärende {id}', en: 'Open threat case {id}' },
  waiting: { sv: 'Rapporten behandlas (OCR, hämtning, bedömning).', en: 'The report is being processed (OCR, capture, assessment).' },
  failed: { sv: 'Behandlingen misslyckades efter {n} försök ({code}). Kör `vaksam tipline process {ref}` när felet är åtgärdat.', en: 'Processing failed after {n} attempts ({code}). Run `vaksam tipline process {ref}` once the fault is fixed.' },
} satisfies Record<string, Text>;

const STATUS: Record<ReportStatus, Text> = {
  received: { sv: 'mottagen', en: 'received' },
  processed: { sv: 'bedömd', en: 'assessed' },
  failed: { sv: 'fel', en: 'failed' },
};

const refParams = { type: 'object', required: ['reference'], properties: { reference: { type: 'string', maxLength: 20 } } } as const;

/** The security function's view of staff reports; reporters' identities appear only here and on threat cases. */
export function registerReportReviewRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const referenceOf = (typed: string) => {
    const reference = normalizeReference(typed);
    if (reference === null) throw new ReportNotFoundError(typed.slice(0, 20));
    return reference;
  };

  server.get('/reports', { config: { access: 'tipline.read' } }, async (request, reply) => {
    const ctx = pageContext(web, request);
    const { lang } = ctx;
    const rows = await listReports(db, { limit: 200 });
    const filed = await reportPosts(db, rows.map((r) => r.postId).filter((id): id is number => id !== null));
    const body = html`<p><a href="/reports/links">${tr(lang, T.links)}</a></p>
${rows.length === 0
  ? html`<p class="muted">${tr(lang, T.none)}</p>`
  : html`<div class="table-scroll"><table><thead><tr><th>${tr(lang, T.reference)}</th><th>${tr(lang, T.received)}</th><th>${tr(lang, T.reporter)}</th><th>${tr(lang, T.concerns)}</th><th>${tr(lang, T.status)}</th><th>${tr(lang, T.case)}</th></tr></thead>
<tbody>${rows.map((r) => {
      const post = r.postId === null ? undefined : filed.get(r.postId);
      return html`<tr><td><a href="/reports/${r.reference}">${r.reference}</a></td><td>${formatDateTime(lang, r.receivedAt)}</td><td>${r.reporterName ?? r.reporterEmail ?? '–'}</td>
<td>${tr(lang, CONCERN_NAMES[r.concerns])}</td><td><span class="badge ${r.status === 'failed' ? 'failed' : ''}">${tr(lang, STATUS[r.status])}</span></td>
<td>${post?.caseId ? html`<a href="/threats/${post.caseId}">#${post.caseId}</a> <span class="badge ${post.level}">${post.level}</span>` : '–'}</td></tr>`;
    })}</tbody></table></div>`}`;
    return sendHtml(reply, page(ctx, { title: tr(lang, T.list), active: '/reports', body }));
  });

  server.get<{ Params: { reference: string } }>('/reports/:reference', { config: { access: 'tipline.read' }, schema: { params: refParams } }, async (request, reply) => {
    const detail = await getReport(db, { reference: referenceOf(request.params.reference) });
    const post = detail.report.postId === null ? null : ((await reportPosts(db, [detail.report.postId])).get(detail.report.postId) ?? null);
    const ctx = pageContext(web, request);
    const { lang } = ctx;
    const r = detail.report;
    const state = r.status === 'failed' ? html`<p class="error" role="alert">${tr(lang, T.failed, { n: r.attempts, code: r.errorCode ?? '–', ref: r.reference })}</p>` : html`<p class="notice">${tr(lang, T.waiting)}</p>`;
    const body = html`${post?.caseId ? html`<p><a class="button primary" href="/threats/${post.caseId}">${tr(lang, T.openCase, { id: post.caseId })}</a> <span class="badge ${post.level}">${post.level}</span></p>` : state}
${reportBlock(lang, detail, post)}`;
    return sendHtml(reply, page(ctx, { title: tr(lang, T.report, { ref: detail.report.reference }), active: '/reports', body }));
  });

  server.get<{ Params: { reference: string; position: number } }>(
    '/reports/:reference/screenshots/:position',
    { config: { access: 'tipline.read' }, schema: { params: { ...refParams, required: ['reference', 'position'], properties: { ...refParams.properties, position: { type: 'integer', minimum: 1, maximum: 100 } } } } },
    async (request, reply) => {
      const image = await screenshotImage(db, referenceOf(request.params.reference), request.params.position);
      if (!image) return sendError(request, reply, 404, 'NOT_FOUND', 'no such screenshot');
      // The bytes were checked by their magic numbers; nosniff (set for every response) keeps browsers to that type.
      return reply.header('content-type', image.contentType).header('content-disposition', 'inline').header('etag', `"${image.sha256}"`).header('cache-control', 'private, no-store').send(image.data);
    },
  );

  server.get('/api/v1/reports', { config: { access: 'tipline.read' }, schema: { tags: ['tipline'], summary: 'Staff reports, newest first (reporter identity included: security roles only)' } }, async () => listReports(db, { limit: 200 }));

  server.get<{ Params: { reference: string } }>('/api/v1/reports/:reference', { config: { access: 'tipline.read' }, schema: { tags: ['tipline'], summary: 'One report with its screenshots (without image bytes) and OCR text', params: refParams } }, async (request) => {
    const detail = await getReport(db, { reference: referenceOf(request.params.reference) });
    await recordAudit(db, { at: web.app.now(), actor: currentUser(request).username, action: 'tipline.report.read', subject: `tipline-report:${detail.report.reference}` });
    return detail;
  });
}
