import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasUnstorable } from '../../text/index.js';
import { sendError } from '../errors.js';

/** Nesting deeper than this is not looked into (bodies are size-limited and parsed already). */
const MAX_DEPTH = 32;

/**
 * Query strings, path parameters and bodies carrying NUL or an unpaired surrogate (`?q=a%00b`) are answered 400:
 * PostgreSQL refuses those characters in text, so they would otherwise end as a 500 from deep in a query.
 */
export async function rejectUnstorableInput(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const where = findUnstorable(request.query, 'query') ?? findUnstorable(request.params, 'path') ?? findUnstorable(request.body, 'body');
  if (where === null) return undefined;
  return sendError(request, reply, 400, 'BAD_INPUT_CHARACTERS', `${where} contains a character that cannot be stored (NUL or an unpaired surrogate)`);
}

function findUnstorable(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return hasUnstorable(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    if (hasUnstorable(key)) return `${path} field name`;
    const found = findUnstorable(child, `${path}.${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
