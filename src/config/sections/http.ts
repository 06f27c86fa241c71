import { z } from 'zod';
import { secret } from '../secret.js';

const ROLE_NAMES = ['admin', 'security', 'communications', 'viewer'] as const;

const claimValues = () => z.array(z.string().min(1)).default([]);

const oidcSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Offer "Sign in with <label>" next to the password form'),
    label: z.string().min(1).default('Microsoft Entra ID').describe('Name of the identity provider on the sign-in button'),
    issuer: z.string().url().nullable().default(null).describe('Issuer URL; Entra ID: https://login.microsoftonline.com/<tenant>/v2.0'),
    clientId: z.string().min(1).nullable().default(null),
    scopes: z.string().default('openid profile email').describe('Space-separated scopes asked for'),
    roleClaim: z.string().min(1).default('roles').describe('ID-token claim holding app roles or groups (a string or an array)'),
    roleMap: z
      .object({ admin: claimValues(), security: claimValues(), communications: claimValues(), viewer: claimValues() })
      .strict()
      .default({ admin: [], security: [], communications: [], viewer: [] })
      .describe('Vaksam role → claim values granting it; the most powerful matching role wins'),
    defaultRole: z.enum(ROLE_NAMES).nullable().default(null).describe('Role of a user whose claim matches nothing; null refuses the sign-in'),
    usernameClaim: z.string().min(1).default('preferred_username').describe('Claim used as the Vaksam user name'),
  })
  .strict();

export const httpConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Start the web UI and API with `vaksam start`'),
    host: z.string().min(1).default('127.0.0.1').describe('Address to listen on; put a TLS reverse proxy in front to expose it'),
    port: z.number().int().min(0).max(65_535).default(8080),
    publicUrl: z
      .string()
      .url()
      .nullable()
      .default(null)
      .describe('Origin people open (https://vaksam.kommun.se); default http://<host>:<port>. Checked against Origin headers'),
    cookieSecure: z.boolean().default(true).describe('Secure flag on the session cookie; may be false only when publicUrl is http://127.0.0.1 or localhost'),
    trustProxy: z.boolean().default(false).describe('Take the client address from X-Forwarded-For (only behind your own reverse proxy)'),
    sessionIdleMinutes: z.number().int().min(1).max(24 * 60).default(60).describe('A session unused this long ends'),
    sessionMaxHours: z.number().int().min(1).max(24 * 30).default(12).describe('A session ends this long after sign-in, used or not'),
    login: z
      .object({
        windowMinutes: z.number().int().min(1).max(24 * 60).default(15),
        maxFailuresPerAccount: z.number().int().min(1).max(1000).default(5).describe('Failed sign-ins to one account within the window before it is locked for the rest of it'),
        maxFailuresPerIp: z.number().int().min(1).max(100_000).default(50).describe('Failed sign-ins from one address within the window'),
      })
      .strict()
      .default({ windowMinutes: 15, maxFailuresPerAccount: 5, maxFailuresPerIp: 50 }),
    scryptLogN: z.number().int().min(14).max(18).default(17).describe('scrypt cost 2^N for new password hashes (17: 128 MiB, about 0.3 s)'),
    backtest: z
      .object({
        defaultDays: z.number().int().min(1).max(365).default(14),
        maxDays: z.number().int().min(1).max(365).default(90).describe('Longest window a backtest may scan (it reads every post of the window)'),
      })
      .strict()
      .default({ defaultDays: 14, maxDays: 90 }),
    metricsToken: secret(z.string().min(16)).nullable().default(null).describe('When set, /metrics needs `Authorization: Bearer <token>`'),
    oidcClientSecret: secret(z.string().min(1)).nullable().default(null).describe('OIDC client secret (env VAKSAM_HTTP__OIDC_CLIENT_SECRET)'),
    oidc: oidcSchema.default(oidcSchema.parse({})),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const origin = publicOrigin(cfg);
    if (!cfg.cookieSecure && !isLoopbackHttp(origin)) {
      ctx.addIssue({ code: 'custom', path: ['cookieSecure'], message: `http.cookieSecure may be false only when http.publicUrl is http://127.0.0.1 or http://localhost (it is ${origin})` });
    }
    if (cfg.oidc.enabled && (cfg.oidc.issuer === null || cfg.oidc.clientId === null)) {
      ctx.addIssue({ code: 'custom', path: ['oidc'], message: 'http.oidc.issuer and http.oidc.clientId must be set when http.oidc.enabled is true' });
    }
    if (cfg.oidc.issuer !== null && !cfg.oidc.issuer.startsWith('https://') && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(cfg.oidc.issuer)) {
      ctx.addIssue({ code: 'custom', path: ['oidc', 'issuer'], message: 'http.oidc.issuer must be an https:// URL (http:// only for a provider on 127.0.0.1 or localhost)' });
    }
    if (cfg.backtest.defaultDays > cfg.backtest.maxDays) {
      ctx.addIssue({ code: 'custom', path: ['backtest', 'defaultDays'], message: 'http.backtest.defaultDays must not exceed http.backtest.maxDays' });
    }
  });

export type HttpSettings = z.output<typeof httpConfigSchema>;
export type OidcSettings = HttpSettings['oidc'];

/** The origin browsers use for this server (scheme, host, port), from publicUrl or host and port. */
export function publicOrigin(settings: Pick<HttpSettings, 'publicUrl' | 'host' | 'port'>): string {
  if (settings.publicUrl) return new URL(settings.publicUrl).origin;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${settings.port}`;
}

function isLoopbackHttp(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}
