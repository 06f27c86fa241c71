import type { FastifyReply } from 'fastify';

/**
 * No inline script or style anywhere: the UI's behaviour lives in /static/app.js. Forms may post only here, and no
 * other site may frame the pages (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function setSecurityHeaders(reply: FastifyReply, httpsOrigin: boolean): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  // Pages show personal data: no shared cache may keep them. Static files override this.
  reply.header('cache-control', 'no-store');
  if (httpsOrigin) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
