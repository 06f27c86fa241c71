import type { Db } from '../../db/index.js';
import { narrativeDefinitions, type PostFactsRow } from '../../db/queries/alert-facts.js';
import { listRecipients } from '../../db/queries/recipients.js';
import type { NarrativeFacts, PostFacts } from '../emails/facts.js';
import { isThreatLevel } from '../levels.js';
import type { Recipient } from '../recipients.js';

export async function loadRecipients(db: Db): Promise<Recipient[]> {
  const rows = await listRecipients(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    language: r.language,
    roles: r.roles,
    region: r.region,
    quietHours: r.quietHours ?? null,
    narratives: r.narratives,
    minThreatLevel: r.minThreatLevel && isThreatLevel(r.minThreatLevel) ? r.minThreatLevel : null,
  }));
}

function texts<K extends string>(value: unknown, keys: readonly K[]): Partial<Record<K, string>> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.trim()) out[key] = v.trim();
  }
  return out;
}

/** Titles and counter-facts from the catalogue; a narrative without a stored definition still gets its slug. */
export async function loadNarratives(db: Db, slugs: readonly string[]): Promise<Map<string, NarrativeFacts>> {
  const rows = await narrativeDefinitions(db, [...new Set(slugs)]);
  const bySlug = new Map(rows.map((r) => [r.slug, r.definition]));
  return new Map(
    slugs.map((slug) => {
      const def = bySlug.get(slug) ?? {};
      return [slug, { slug, title: texts(def.title, ['sv', 'en'] as const), counterFacts: texts(def.counterFacts, ['sv', 'en', 'ar'] as const) }];
    }),
  );
}

export function toPostFacts(row: PostFactsRow): PostFacts {
  return { id: row.id, platform: row.platform, url: row.url, title: row.title, text: row.text, language: row.language, authorHandle: row.authorHandle, at: row.at };
}
