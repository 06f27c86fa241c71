import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type App } from '../app/index.js';
import { packageRoot } from '../config/index.js';
import { registerAreas } from './areas.js';
import { errorHandler, sendError } from './errors.js';
import { accessHook } from './security/access.js';
import { csrfHook } from './security/csrf.js';
import { setSecurityHeaders } from './security/headers.js';
import { rejectUnstorableInput } from './security/input-bytes.js';
import { QueueInspector } from './queues/stats.js';
import { publicOrigin, type HttpSettings } from '../config/index.js';
import { loadAssets, registerStaticRoutes } from './static-assets.js';
import type { Web } from './web.js';

/** Largest request body: a narrative with thousands of query terms still fits. */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface HttpServer {
  server: FastifyInstance;
  web: Web;
  /** The origin browsers use (publicUrl, or the address listened on). */
  url: string;
  close(): Promise<void>;
}

/** Builds the server without listening (tests may inject requests); {@link startHttpServer} listens. */
export async function buildHttpServer(app: App, settings: HttpSettings = app.config.http): Promise<{ server: FastifyInstance; web: Web }> {
  let origin = publicOrigin(settings);
  const secure = settings.cookieSecure;
  const web: Web = {
    app,
    settings,
    origin: () => origin,
    // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and for the whole site.
    cookies: {
      session: secure ? '__Host-vaksam-session' : 'vaksam-session',
      login: secure ? '__Host-vaksam-login' : 'vaksam-login',
      oidc: secure ? '__Host-vaksam-oidc' : 'vaksam-oidc',
      lang: 'vaksam-lang',
      secure,
    },
    assets: loadAssets(),
    queueInspector: app.redis ? new QueueInspector(app.redis, app.config.redis.prefix) : null,
  };
  const server = Fastify({
    loggerInstance: app.log.child({ component: 'http' }) as FastifyBaseLogger,
    // One debug line per request (onResponse below) instead of Fastify's two info lines.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: settings.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
  });
  server.decorateRequest('auth', null);
  server.decorateRequest('sessionId', null);
  server.decorateRequest('lang', 'sv');
  server.addHook('onRoute', (route) => {
    // Fail closed: a route that forgets to declare who may call it does not start.
    if (route.config?.access === undefined) throw new Error(`route ${String(route.method)} ${route.url} has no access rule`);
  });
  await server.register(fastifyCookie);
  await server.register(fastifySwagger, {
    openapi: {
      info: { title: 'Vaksam API', version: packageVersion(), description: 'JSON API of the Vaksam web UI. Sign in with POST /api/v1/auth/login; send the csrfToken it returns as the X-CSRF-Token header on every POST, PUT and DELETE.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: web.cookies.session } } },
    },
    transform: ({ schema, url }) => ({ schema: { ...schema, hide: schema?.hide || !url.startsWith('/api/v1') }, url }),
  });
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  server.addHook('onRequest', async (_request, reply) => setSecurityHeaders(reply, origin.startsWith('https:')));
  server.addHook('onRequest', accessHook(web));
  server.addHook('preValidation', rejectUnstorableInput);
  server.addHook('preValidation', csrfHook(web));
  server.addHook('onResponse', async (request, reply) => {
    server.log.debug({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  server.addHook('onClose', async () => web.queueInspector?.close());
  server.setErrorHandler(errorHandler(app.log.child({ component: 'http' })));
  server.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'NOT_FOUND', `nothing at ${request.method} ${request.url.split('?')[0]}`));
  registerStaticRoutes(server, web.assets);
  registerAreas(server, web);
  server.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => server.swagger());
  server.addHook('onListen', async () => {
    if (settings.publicUrl) return;
    const address = server.server.address() as AddressInfo;
    origin = publicOrigin({ ...settings, port: address.port });
  });
  return { server, web };
}

/** Listens on http.host:http.port and returns the URL to open. */
export async function startHttpServer(app: App, settings: HttpSettings = app.config.http): Promise<HttpServer> {
  const { server, web } = await buildHttpServer(app, settings);
  await server.listen({ host: settings.host, port: settings.port });
  // Alerts built in this process link here when neither alerts.uiBaseUrl nor http.publicUrl is set.
  app.webUrl = web.origin();
  return { server, web, url: web.origin(), close: () => server.close() };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
