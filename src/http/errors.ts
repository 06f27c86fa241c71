import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { VaksamError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { html } from './views/html.js';
import { tr, type Text } from './views/i18n.js';

/** Vaksam error codes that are the caller's fault, and the status they answer with. */
const STATUS_BY_CODE: Record<string, number> = {
  ACCOUNT_INVALID: 400,
  CATALOGUE_INVALID: 400,
  QUERY_SYNTAX: 400,
  SOURCE_CONFIG_INVALID: 400,
  RECIPIENT_INVALID: 400,
  TIPLINE_REPORT_INVALID: 400,
  TIPLINE_REPORT_NOT_FOUND: 404,
  DIGEST_WEEK_INVALID: 400,
  OIDC_ACCOUNT: 403,
  NARRATIVE_NOT_FOUND: 404,
  SOURCE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  NOT_FOUND: 404,
  CAMPAIGN_PERIOD_INVALID: 400,
  THREAT_CASE_NOT_FOUND: 404,
  ALERT_NOT_FOUND: 404,
  USER_EXISTS: 409,
  RECIPIENT_EXISTS: 409,
  SOURCE_EXISTS: 409,
  CONFLICT: 409,
  THREAT_CASE_REVIEW: 409,
  THREAT_MISSED_INVALID: 400,
};

const TITLES: Record<number, Text> = {
  400: { sv: 'Felaktig begäran', en: 'Bad request' },
  401: { sv: 'Inte inloggad', en: 'Not signed in' },
  403: { sv: 'Åtkomst nekad', en: 'Forbidden' },
  404: { sv: 'Sidan finns inte', en: 'Not found' },
  409: { sv: 'Konflikt', en: 'Conflict' },
  413: { sv: 'För stor begäran', en: 'Request too large' },
  429: { sv: 'För många försök', en: 'Too many attempts' },
  500: { sv: 'Internt fel', en: 'Internal error' },
};

/** A not-found or refused request, as JSON for the API and as a short page for browsers. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  reply.code(status);
  if (request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html')) {
    return reply.type('application/json; charset=utf-8').send({ error: { code, message } });
  }
  const lang = request.lang ?? 'sv';
  const title = tr(lang, TITLES[status] ?? TITLES[500]!);
  return reply
    .type('text/html; charset=utf-8')
    .send(html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} · Vaksam</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Vaksam</a></p></main></body></html>`.value);
}

export function errorHandler(log: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error.validation) return sendError(request, reply, 400, 'BAD_REQUEST', error.message);
    if (error instanceof VaksamError && STATUS_BY_CODE[error.code]) return sendError(request, reply, STATUS_BY_CODE[error.code]!, error.code, error.message);
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode, error.code ?? 'BAD_REQUEST', error.message);
    }
    log.error({ err: error, method: request.method, route: request.routeOptions.url }, 'request failed');
    return sendError(request, reply, 500, 'INTERNAL', 'something went wrong; the error was logged');
  };
}
