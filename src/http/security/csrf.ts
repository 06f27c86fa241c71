import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { isValidCsrfToken } from '../../users/index.js';
import { sendError } from '../errors.js';
import type { Web } from '../web.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_HEADER = 'x-csrf-token';
const CSRF_FIELD = '_csrf';

/**
 * preValidation, for every state-changing request: the Origin (or, without one, the Referer) must be this server's,
 * and the request must carry the synchronizer token of its session (header for the UI's fetch calls, hidden field
 * for forms). Sign-in routes have no session yet: a form carries the pre-session cookie's token; JSON needs no
 * token because a cross-site page cannot send `application/json` without a CORS preflight this server never grants.
 */
export function csrfHook(web: Web) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config.access === undefined) return;
    if (!isSameOrigin(request, web.origin())) return sendError(request, reply, 403, 'CSRF_ORIGIN', 'the request does not come from this site (Origin/Referer check)');
    const sent = tokenOf(request);
    if (request.routeOptions.config.csrf === 'login') {
      if (isJson(request)) return;
      const cookie = request.cookies[web.cookies.login];
      if (cookie && sent && equal(cookie, sent)) return;
      return sendError(request, reply, 403, 'CSRF_TOKEN', 'the sign-in form has expired; reload the page and try again');
    }
    if (!request.sessionId || !isValidCsrfToken(request.sessionId, sent)) {
      return sendError(request, reply, 403, 'CSRF_TOKEN', 'missing or wrong CSRF token; reload the page and try again');
    }
  };
}

function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  const header = request.headers.origin;
  if (header !== undefined) return header === origin;
  const referer = request.headers.referer;
  if (!referer) return false;
  try {
    return new URL(referer).origin === origin;
  } catch {
    return false;
  }
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof field === 'string' ? field : undefined;
}

function isJson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
