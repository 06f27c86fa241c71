import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, resolveSession } from '../../users/index.js';
import { pickLang } from '../views/i18n.js';
import { isApiRequest, sessionSettings, type Web } from '../web.js';
import { sendError } from '../errors.js';

/** onRequest: language and session first, then the route's access rule; nothing else runs for a refused request. */
export function accessHook(web: Web) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.lang = pickLang(request.cookies[web.cookies.lang], request.headers['accept-language']);
    const cookie = request.cookies[web.cookies.session];
    request.auth = cookie ? await resolveSession(web.app.database.db, cookie, sessionSettings(web.settings), web.app.now()) : null;
    request.sessionId = request.auth ? (cookie ?? null) : null;
    const access = request.routeOptions.config.access;
    // No access rule: the request matched no route and is answered 404 by the not-found handler.
    if (access === undefined || access === 'public') return;
    if (!request.auth) {
      if (isApiRequest(request) || request.method !== 'GET') return sendError(request, reply, 401, 'UNAUTHENTICATED', 'sign in first');
      return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    if (access !== 'signed-in' && !can(request.auth.user.role, access)) {
      return sendError(request, reply, 403, 'FORBIDDEN', `the role '${request.auth.user.role}' may not do this (${access})`);
    }
  };
}
