import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type App } from '../../app/index.js';
import { checkReport, createReport, getReport, normalizeReference, OcrProbe, ReportInvalidError, takeRateSlot, type ReportIntake, type TiplineSettings } from '../../tipline/index.js';

import { can } from '../../users/index.js';
import { sendError } from '../errors.js';
import { html } from '../views/html.js';
import { formatDateTime, tr } from '../views/i18n.js';
import { page } from '../views/layout.js';
import { currentUser, isApiRequest, pageContext, sendHtml, type Web } from '../web.js';
import { acceptMultipart, field, type MultipartBody } from './multipart.js';
import { receipt, reportForm, T } from './report-form.js';

/** A random token per rendered form: submitting the same form twice files one report. */
export function intakeToken(): string {
  return randomBytes(16).toString('base64url');
}

export function reportLimits(settings: TiplineSettings) {
  return { maxTextChars: settings.maxTextChars, maxScreenshots: settings.screenshots.maxPerReport, image: { maxBytes: settings.screenshots.maxBytes, maxPixels: settings.screenshots.maxPixels, maxSide: settings.screenshots.maxSide } };
}

/** Largest report request: every screenshot at its limit, the text and the form around them. */
export function reportBodyLimit(settings: TiplineSettings): number {
  return settings.screenshots.maxBytes * settings.screenshots.maxPerReport + 1024 * 1024;
}

/**
 * Checks, stores and queues one submitted report, within the per-address rate limit. Returns the stored report or
 * the refusal to show (a bad field, too many reports).
 */
export async function submitReport(app: App, body: MultipartBody, intake: ReportIntake, clientIp: string): Promise<{ reference: string } | { status: number; code: string; message: string; retryAfterSeconds?: number }> {
  const settings = app.config.tipline;
  const now = app.now();
  const slot = await takeRateSlot(app.database.db, { scope: 'report-ip', key: clientIp, max: settings.link.maxReportsPerIp, windowMinutes: settings.link.windowMinutes }, now);
  if (!slot.allowed) return { status: 429, code: 'RATE_LIMITED', message: 'too many reports from this address; try again later', retryAfterSeconds: slot.retryAfterSeconds };
  let input;
  try {
    input = checkReport({ url: field(body, 'url'), text: field(body, 'text'), concerns: field(body, 'concerns') || 'unspecified', screenshots: body.files.filter((f) => f.field === 'screenshots') }, reportLimits(settings));
  } catch (error) {
    if (error instanceof ReportInvalidError) return { status: 400, code: error.code, message: error.message };
    throw error;
  }
  const created = await createReport(app.database.db, input, intake, now);
  if (created.created) {
    try {
      await app.queues?.enqueueReport(created.id);
    } catch (error) {
      app.log.warn({ reportId: created.id, err: (error as Error).message }, 'could not queue the report; the tipline sweep will');
    }
  }
  return { reference: created.reference };
}

export function registerReportRoutes(server: FastifyInstance, web: Web): void {
  const app = web.app;
  const settings = app.config.tipline;
  const probe = new OcrProbe(settings.ocr);

  const showForm = async (request: FastifyRequest, reply: FastifyReply, options: { error?: string; values?: Record<string, string> } = {}, status = 200) => {
    const ctx = pageContext(web, request);
    const availability = await probe.get(app.now().getTime());
    const body = reportForm(ctx.lang, { action: '/report', hidden: { _csrf: ctx.csrfToken ?? '', intake: intakeToken() }, ocrAvailable: availability.available, maxScreenshots: settings.screenshots.maxPerReport, ...options });
    return sendHtml(reply, page(ctx, { title: tr(ctx.lang, T.title), active: '/report', body }), status);
  };

  server.get('/report', { config: { access: 'tipline.report' } }, async (request, reply) => showForm(request, reply));

  server.register(async (scope) => {
    acceptMultipart(scope, reportBodyLimit(settings));
    const intakeOf = (request: FastifyRequest, body: MultipartBody): ReportIntake => {
      const user = currentUser(request);
      const token = field(body, 'intake') || request.headers['idempotency-key'];
      const key = typeof token === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(token) ? token : intakeToken();
      return { channel: 'form', intakeKey: `form:${user.id}:${key}`, reporter: { userId: user.id, name: user.displayName }, actor: user.username };
    };

    scope.post<{ Body: MultipartBody }>('/report', { config: { access: 'tipline.report' }, bodyLimit: reportBodyLimit(settings) }, async (request, reply) => {
      const outcome = await submitReport(app, request.body, intakeOf(request, request.body), request.ip);
      if ('reference' in outcome) return reply.redirect(`/report/receipt/${outcome.reference}`, 303);
      if (outcome.retryAfterSeconds) reply.header('retry-after', String(outcome.retryAfterSeconds));
      const values = { url: field(request.body, 'url'), text: field(request.body, 'text'), concerns: field(request.body, 'concerns') };
      return showForm(request, reply, { error: outcome.message, values }, outcome.status);
    });

    scope.post<{ Body: MultipartBody }>(
      '/api/v1/reports',
      { config: { access: 'tipline.report' }, bodyLimit: reportBodyLimit(settings), schema: { tags: ['tipline'], summary: 'Report a post (multipart: url, text, concerns me|colleague|office, screenshots files); answers the reference number' } },
      async (request, reply) => {
        const outcome = await submitReport(app, request.body, intakeOf(request, request.body), request.ip);
        if ('reference' in outcome) return reply.code(201).send({ reference: outcome.reference });
        if (outcome.retryAfterSeconds) reply.header('retry-after', String(outcome.retryAfterSeconds));
        return sendError(request, reply, outcome.status, outcome.code, outcome.message);
      },
    );
  });

  server.get<{ Params: { reference: string } }>('/report/receipt/:reference', { config: { access: 'tipline.report' } }, async (request, reply) => {
    const user = currentUser(request);
    const reference = normalizeReference(request.params.reference);
    const detail = reference ? await getReport(app.database.db, { reference }).catch(() => null) : null;
    // Someone else's receipt looks like a missing one: references are not to be probed.
    if (!detail || (detail.report.reporterUserId !== user.id && !can(user.role, 'tipline.read'))) return sendError(request, reply, 404, 'NOT_FOUND', 'no such report');
    const ctx = pageContext(web, request);
    if (isApiRequest(request)) return { reference: detail.report.reference };
    const body = html`${receipt(ctx.lang, detail.report, formatDateTime(ctx.lang, detail.report.receivedAt), '/report')}`;
    return sendHtml(reply, page(ctx, { title: tr(ctx.lang, T.receiptTitle), active: '/report', body }));
  });
}
