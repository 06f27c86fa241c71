import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { VaksamError } from '../../errors/index.js';
import { MAX_HANDLE_CHARS, normaliseHandle, pseudonymOf } from '../pseudonym.js';

export class PrivacyRequestError extends VaksamError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('PRIVACY_REQUEST', message, { details });
  }
}

/** Whom a request is about: a handle, on one platform or all of them. */
export interface PersonQuery {
  handle: string;
  platform?: string;
}

/** A request resolved against the database: the normalised handle and its pseudonym on every platform concerned. */
export interface PersonMatch {
  handle: string;
  platform: string | null;
  pseudonyms: string[];
  /**
   * Whole-word occurrences of the handle in free text (matched case-insensitively): with or without `@`, with a
   * Mastodon instance (`@lena@social.example`), in a URL path (`/@lena/1`, `t.me/lena`). Lookarounds, so
   * neighbouring mentions both match.
   */
  pattern: string;
}

/** Letters, digits, `_ . - @` and spaces (YouTube channel names): the handles platforms give, nothing a query could abuse. */
const HANDLE_SHAPE = /^[\p{L}\p{M}\p{N}_.\-@ ]+$/u;
const PLATFORM_SHAPE = /^[a-z0-9_-]{1,40}$/u;

export async function resolvePerson(db: Db, key: Buffer, query: PersonQuery): Promise<PersonMatch> {
  const handle = normaliseHandle(query.handle);
  if (handle.length < 2 || handle.length > MAX_HANDLE_CHARS || !HANDLE_SHAPE.test(handle)) {
    throw new PrivacyRequestError(`--author must be a handle of 2-${MAX_HANDLE_CHARS} letters, digits, '_', '.', '-', '@' or spaces; got '${query.handle.slice(0, 60)}'`);
  }
  if (query.platform !== undefined && !PLATFORM_SHAPE.test(query.platform)) {
    throw new PrivacyRequestError(`--platform must be a platform name such as mastodon, telegram, x; got '${query.platform.slice(0, 60)}'`);
  }
  const platforms =
    query.platform !== undefined
      ? [query.platform]
      : (await queryRows<{ platform: string }>(db, sql`select distinct platform from posts union select distinct platform from threat_case_posts`)).map((r) => r.platform);
  const escaped = handle.replace(/[.*+?^${}()|[\]\\-]/gu, '\\$&');
  return {
    handle,
    platform: query.platform ?? null,
    pseudonyms: platforms.map((p) => pseudonymOf(key, p, handle)),
    pattern: `(?<![[:alnum:]_@.])@?${escaped}(@[[:alnum:]_.-]+)?(?![[:alnum:]_@])`,
  };
}

/** Rows of `alias` (posts or threat_case_posts) written by the person: by handle or by its pseudonym. */
export function authoredBy(alias: string, match: PersonMatch): SQL {
  const a = sql.raw(alias);
  const byName = sql`(lower(ltrim(${a}.author_handle, '@')) = ${match.handle} or ${a}.author_handle = any(${sql.param(match.pseudonyms)}::text[]))`;
  return match.platform === null ? byName : sql`(${byName} and ${a}.platform = ${match.platform})`;
}

/** A JSON document with a string value that is the handle, or `handle@instance` (metadata mentions, sharers, signers, raw payloads). */
export function jsonNames(column: SQL, match: PersonMatch): SQL {
  const value = sql`lower(ltrim(v #>> '{}', '@'))`;
  return sql`exists (select 1 from jsonb_path_query(${column}, 'strict $.**') v
    where jsonb_typeof(v) = 'string' and (${value} = ${match.handle} or left(${value}, ${match.handle.length + 1}) = ${`${match.handle}@`}))`;
}

/** Free text naming the handle as a word (an `@mention`, a URL path). */
export function textNames(column: SQL, match: PersonMatch): SQL {
  return sql`${column} ~* ${match.pattern}`;
}
