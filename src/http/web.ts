import type { FastifyReply, FastifyRequest } from 'fastify';
import { type App } from '../app/index.js';
import type { Permission, ResolvedSession, SessionSettings } from '../users/index.js';
import type { LoginSettings } from '../users/index.js';
import type { QueueInspector } from './queues/stats.js';
import type { Assets } from './static-assets.js';
import type { HttpSettings } from '../config/index.js';
import type { PageContext } from './views/layout.js';
import type { Lang } from './views/i18n.js';

/** Who may call a route: anyone, any signed-in user, or holders of one permission. Every route must say. */
export type Access = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** `login`: the route creates a session, so it checks the pre-session token instead of the session's. */
    csrf?: 'login';
  }
  interface FastifyRequest {
    auth: ResolvedSession | null;
    /** The raw session cookie value, when it names a live session. */
    sessionId: string | null;
    lang: Lang;
  }
}

/** What route modules share: the opened app, the HTTP settings and the origin browsers use. */
export interface Web {
  app: App;
  settings: HttpSettings;
  /** Known once the server listens (port 0 in tests picks one). */
  origin(): string;
  cookies: { session: string; login: string; lang: string; oidc: string; secure: boolean };
  assets: Assets;
  /** Null when Redis is not connected. */
  queueInspector: QueueInspector | null;
}

export function sessionSettings(settings: HttpSettings): SessionSettings {
  return { idleMinutes: settings.sessionIdleMinutes, maxHours: settings.sessionMaxHours };
}

export function loginSettings(settings: HttpSettings): LoginSettings {
  return { limits: settings.login, session: sessionSettings(settings), logN: settings.scryptLogN };
}

export function pageContext(web: Web, request: FastifyRequest): PageContext {
  return { lang: request.lang, user: request.auth?.user ?? null, csrfToken: request.auth?.csrfToken ?? null, url: request.url, assets: web.assets.urls };
}

/** The signed-in user; routes with an access rule other than `public` always have one. */
export function currentUser(request: FastifyRequest) {
  if (!request.auth) throw new Error('route reached without a session: its access rule must not be public');
  return request.auth.user;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export function sendHtml(reply: FastifyReply, body: { toString(): string }, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.toString());
}

/** Redirects only to local paths: a `next` or `back` parameter can never send the user to another site. */
export function localPath(raw: unknown, fallback = '/'): string {
  // "//host", "/\\host" and control characters (browsers drop tabs and newlines: "/\t/host") would leave the site.
  if (typeof raw !== 'string' || !/^\/(?![/\\])[^\u0000-\u001f\\]*$/.test(raw)) return fallback;
  return raw;
}
