import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountInputError, changeOwnPassword, csrfTokenFor, endSession, getUserById, recordSignOut, signInWithPassword, type LoginOutcome } from '../../users/index.js';
import { isLang, tr } from '../views/i18n.js';
import { currentUser, localPath, loginSettings, pageContext, sendHtml, type Web } from '../web.js';
import { accountPage, loginPage, T } from './views.js';

const credentials = {
  type: 'object',
  required: ['username', 'password'],
  properties: { username: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 1024 }, next: { type: 'string', maxLength: 2000 }, _csrf: { type: 'string' } },
} as const;

const sessionReply = {
  type: 'object',
  properties: {
    user: { type: 'object', properties: { username: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string' } } },
    csrfToken: { type: 'string' },
  },
} as const;

export function setSessionCookie(web: Web, reply: FastifyReply, sessionId: string): void {
  reply.setCookie(web.cookies.session, sessionId, { path: '/', httpOnly: true, secure: web.cookies.secure, sameSite: 'lax', maxAge: web.settings.sessionMaxHours * 3600 });
}

export function registerAuthRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const oidcLabel = web.settings.oidc.enabled ? web.settings.oidc.label : null;

  const showLogin = (request: FastifyRequest, reply: FastifyReply, view: { next: string; username?: string; error?: string; notice?: string }, status = 200) => {
    // A fresh pre-session token per form: sign-in forms from other sites cannot know it (login CSRF).
    const loginToken = randomBytes(24).toString('base64url');
    reply.setCookie(web.cookies.login, loginToken, { path: '/', httpOnly: true, secure: web.cookies.secure, sameSite: 'strict', maxAge: 3600 });
    return sendHtml(reply, loginPage(pageContext(web, request), { ...view, loginToken, oidcLabel }), status);
  };

  server.get<{ Querystring: { next?: string; notice?: string } }>('/login', { config: { access: 'public' } }, async (request, reply) => {
    const next = localPath(request.query.next);
    if (request.auth) return reply.redirect(next, 303);
    return showLogin(request, reply, { next, notice: request.query.notice });
  });

  server.post<{ Body: { username: string; password: string; next?: string } }>(
    '/login',
    { config: { access: 'public', csrf: 'login' }, schema: { body: credentials } },
    async (request, reply) => {
      const next = localPath(request.body.next);
      const outcome = await signIn(request);
      if (outcome.kind === 'ok') {
        setSessionCookie(web, reply, outcome.sessionId);
        reply.clearCookie(web.cookies.login, { path: '/' });
        return reply.redirect(next, 303);
      }
      if (outcome.kind === 'limited') {
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return showLogin(request, reply, { next, username: request.body.username, error: tr(request.lang, T.limited, { minutes: Math.ceil(outcome.retryAfterSeconds / 60) }) }, 429);
      }
      return showLogin(request, reply, { next, username: request.body.username, error: tr(request.lang, T.invalid) }, 401);
    },
  );

  server.post<{ Body: { username: string; password: string } }>(
    '/api/v1/auth/login',
    { config: { access: 'public', csrf: 'login' }, schema: { tags: ['auth'], summary: 'Sign in with a local account', body: credentials, response: { 200: sessionReply } } },
    async (request, reply) => {
      const outcome = await signIn(request);
      if (outcome.kind === 'ok') {
        setSessionCookie(web, reply, outcome.sessionId);
        return { user: outcome.user, csrfToken: csrfTokenFor(outcome.sessionId) };
      }
      if (outcome.kind === 'limited') {
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return reply.code(429).send({ error: { code: 'LOGIN_RATE_LIMITED', message: `too many failed sign-ins; retry in ${outcome.retryAfterSeconds} s` } });
      }
      return reply.code(401).send({ error: { code: 'LOGIN_FAILED', message: 'wrong user name or password' } });
    },
  );

  const signOut = async (request: FastifyRequest, reply: FastifyReply) => {
    await endSession(db, request.sessionId!);
    await recordSignOut(db, currentUser(request).username, request.ip, web.app.now());
    reply.clearCookie(web.cookies.session, { path: '/', secure: web.cookies.secure, httpOnly: true, sameSite: 'lax' });
  };
  server.post('/logout', { config: { access: 'signed-in' } }, async (request, reply) => {
    await signOut(request, reply);
    return reply.redirect('/login?notice=signed-out', 303);
  });
  server.post('/api/v1/auth/logout', { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'End the current session' } }, async (request, reply) => {
    await signOut(request, reply);
    return reply.code(204).send();
  });

  server.get('/api/v1/session', { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token to send back', response: { 200: sessionReply } } }, async (request) => ({
    user: request.auth!.user,
    csrfToken: request.auth!.csrfToken,
  }));

  server.get<{ Querystring: { to?: string; back?: string } }>('/lang', { config: { access: 'public' } }, async (request, reply) => {
    if (isLang(request.query.to)) reply.setCookie(web.cookies.lang, request.query.to, { path: '/', sameSite: 'lax', secure: web.cookies.secure, maxAge: 365 * 24 * 3600 });
    return reply.redirect(localPath(request.query.back), 303);
  });

  server.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = await getUserById(db, currentUser(request).id);
    return sendHtml(reply, accountPage(pageContext(web, request), { hasPassword: Boolean(user?.passwordHash) }));
  });

  server.post<{ Body: { current: string; next: string } }>(
    '/account/password',
    { config: { access: 'signed-in' }, schema: { body: { type: 'object', required: ['current', 'next'], properties: { current: { type: 'string', maxLength: 1024 }, next: { type: 'string', maxLength: 1024 } } } } },
    async (request, reply) => {
      const user = currentUser(request);
      const ctx = { actor: user.username, now: web.app.now(), logN: web.settings.scryptLogN };
      try {
        if (!(await changeOwnPassword(db, user.id, request.body.current, request.body.next, ctx))) {
          return sendHtml(reply, accountPage(pageContext(web, request), { hasPassword: true, error: tr(request.lang, T.wrongCurrent) }), 400);
        }
      } catch (error) {
        if (!(error instanceof AccountInputError)) throw error;
        return sendHtml(reply, accountPage(pageContext(web, request), { hasPassword: true, error: error.message }), 400);
      }
      reply.clearCookie(web.cookies.session, { path: '/' });
      return reply.redirect('/login?notice=password-changed', 303);
    },
  );

  async function signIn(request: FastifyRequest<{ Body: { username: string; password: string } }>): Promise<LoginOutcome> {
    // Signing in again replaces the session the browser had: never two live sessions behind one cookie jar.
    if (request.sessionId) await endSession(db, request.sessionId);
    return signInWithPassword(
      db,
      { username: request.body.username, password: request.body.password, ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      loginSettings(web.settings),
      web.app.now(),
    );
  }
}
