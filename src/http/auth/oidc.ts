import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { linkOidcUser, mapOidcRole, OidcAccountError, oidcUsername, recordAudit, startSession } from '../../users/index.js';
import { localPath, sessionSettings, type Web } from '../web.js';
import { FLOW_MINUTES, saveFlow, takeFlow } from './oidc-flows.js';
import { setSessionCookie } from './routes.js';

export const CALLBACK_PATH = '/auth/oidc/callback';

/**
 * Sign-in through an OpenID Connect provider (Entra ID): authorization code flow with PKCE (S256), state and nonce
 * checked by openid-client, the ID token's signature checked against the provider's keys. The role comes from a
 * claim at every sign-in (http.oidc.roleMap); no matching value and no default role means no access.
 */
export function registerOidcRoutes(server: FastifyInstance, web: Web): void {
  const settings = web.settings.oidc;
  if (!settings.enabled) return;
  const db = web.app.database.db;
  let configuration: Promise<client.Configuration> | null = null;

  const discover = (): Promise<client.Configuration> => {
    configuration ??= discoverProvider(web).catch((error: unknown) => {
      configuration = null;
      throw error;
    });
    return configuration;
  };

  const fail = async (request: FastifyRequest, reply: FastifyReply, reason: string, actor = '(oidc)') => {
    await recordAudit(db, { actor, action: 'auth.login.failed', subject: `user:${actor}`, details: { ip: request.ip, method: 'oidc', reason }, at: web.app.now() });
    return reply.redirect('/login?notice=oidc-failed', 303);
  };

  server.get<{ Querystring: { next?: string } }>('/auth/oidc/start', { config: { access: 'public' } }, async (request, reply) => {
    const config = await discover();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), returnTo: localPath(request.query.next) };
    const flowId = await saveFlow(db, flow, web.app.now());
    reply.setCookie(web.cookies.oidc, flowId, { path: '/', httpOnly: true, secure: web.cookies.secure, sameSite: 'lax', maxAge: FLOW_MINUTES * 60 });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${web.origin()}${CALLBACK_PATH}`,
      scope: settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return reply.redirect(url.href, 303);
  });

  server.get(CALLBACK_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const flow = await takeFlow(db, request.cookies[web.cookies.oidc], web.app.now());
    reply.clearCookie(web.cookies.oidc, { path: '/' });
    if (!flow) return fail(request, reply, 'unknown-or-expired-flow');
    let claims: client.IDToken;
    try {
      const tokens = await client.authorizationCodeGrant(await discover(), new URL(request.url, web.origin()), {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      web.app.log.warn({ err: (error as Error).message, code: (error as { code?: string }).code }, 'OIDC callback refused');
      return fail(request, reply, 'provider-response-invalid');
    }
    const username = oidcUsername(claims, settings.usernameClaim);
    const role = mapOidcRole(claims, settings);
    if (role === null) return fail(request, reply, 'no-role', username || '(oidc)');
    try {
      const user = await linkOidcUser(db, { issuer: claims.iss, subject: claims.sub, username, displayName: typeof claims.name === 'string' ? claims.name : username, role }, { now: web.app.now(), logN: web.settings.scryptLogN });
      const outcome = await startSession(db, user, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }, { session: sessionSettings(web.settings) }, web.app.now(), 'oidc');
      if (outcome.kind !== 'ok') return fail(request, reply, 'session', username);
      setSessionCookie(web, reply, outcome.sessionId);
      return reply.redirect(flow.returnTo, 303);
    } catch (error) {
      if (!(error instanceof OidcAccountError)) throw error;
      return fail(request, reply, String(error.details.reason), username);
    }
  });
}

async function discoverProvider(web: Web): Promise<client.Configuration> {
  const { issuer, clientId } = web.settings.oidc;
  const secret = web.settings.oidcClientSecret;
  const url = new URL(issuer!);
  // Plain HTTP only for a provider on this machine (development, tests); anything else must be HTTPS.
  const insecure = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return client.discovery(url, clientId!, undefined, secret ? client.ClientSecretPost(secret) : client.None(), insecure ? { execute: [client.allowInsecureRequests] } : undefined);
}
