import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { startServer, type TestServer } from '../helpers/http-server.js';

export interface FakeProvider {
  issuer: string;
  server: TestServer;
  /** Claims of the next sign-in (whoever "logs in" at the provider). */
  claims: Record<string, unknown>;
  /** Puts this nonce in the next ID token instead of the one asked for (to test the nonce check). */
  nonceOverride: string | null;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * A minimal OpenID Connect provider on 127.0.0.1: discovery, JWKS, an authorize endpoint that signs the user in at
 * once, and a token endpoint that checks the client secret and PKCE and returns an RS256-signed ID token.
 */
export async function startFakeProvider(clientId: string, clientSecret: string): Promise<FakeProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const provider: FakeProvider = { issuer: '', server: undefined as unknown as TestServer, claims: {}, nonceOverride: null, close: () => provider.server.close() };

  const idToken = (nonce: string) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }));
    const payload = b64url(JSON.stringify({ iss: provider.issuer, aud: clientId, iat: now, exp: now + 300, nonce: provider.nonceOverride ?? nonce, ...provider.claims }));
    return `${header}.${payload}.${b64url(sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey))}`;
  };

  provider.server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, redirectUri: q.get('redirect_uri')! });
      res.writeHead(302, { location: `${q.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(q.get('state')!)}` });
      res.end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifierOk = grant && b64url(createHash('sha256').update(form.get('code_verifier') ?? '').digest()) === grant.challenge;
      if (!grant || !verifierOk || form.get('client_secret') !== clientSecret || form.get('redirect_uri') !== grant.redirectUri) return json(400, { error: 'invalid_grant' });
      return json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken(grant.nonce) });
    }
    return json(404, { error: 'not_found' });
  });
  provider.issuer = provider.server.url;
  return provider;
}
