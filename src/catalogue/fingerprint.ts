import { createHash } from 'node:crypto';
import type { Catalogue } from './schema.js';

/**
 * A short content hash of the catalogue (16 hex digits of SHA-256 over canonical JSON, narratives by slug, keys
 * sorted): the same rules give the same id on every machine, so a stored result names the rules that produced it.
 */
export function catalogueFingerprint(catalogue: Catalogue): string {
  const narratives = [...catalogue.narratives].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return createHash('sha256').update(canonicalJson(narratives)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
