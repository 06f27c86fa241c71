import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../config/index.js';

/** The UI's one script and one stylesheet, read once; URLs carry a content hash so they can be cached for good. */
export interface Assets {
  urls: { js: string; css: string };
  files: Map<string, { body: Buffer; type: string }>;
}

const FILES: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };

export function loadAssets(): Assets {
  const dir = join(packageRoot(), 'src', 'http', 'static');
  const files = new Map<string, { body: Buffer; type: string }>();
  const urls: Record<string, string> = {};
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(join(dir, name));
    files.set(name, { body, type });
    urls[name] = `/static/${name}?v=${createHash('sha256').update(body).digest('hex').slice(0, 12)}`;
  }
  return { files, urls: { js: urls['app.js']!, css: urls['app.css']! } };
}

export function registerStaticRoutes(server: FastifyInstance, assets: Assets): void {
  server.get<{ Params: { name: string } }>('/static/:name', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const file = assets.files.get(request.params.name);
    if (!file) return reply.code(404).type('text/plain').send('not found');
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.type).send(file.body);
  });
}
