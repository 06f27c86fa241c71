import type { Db } from '../../db/index.js';
import { narrativeDefinitions, type PostFactsRow } from '../../db/queries/index.js';
import type { CaseFactsRow } from '../../db/queries/index.js';
import type { ThreatLevel } from '../../db/schema/index.js';
import { listRecipients } from '../../db/queries/index.js';
import type { NarrativeFacts, PostFacts, ThreatFacts } from '../emails/facts.js';
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
    phone: r.phone,
    channels: r.channels,
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

/** A case and the post that set its level, as alerts tell it. */
export function toThreatFacts(row: CaseFactsRow): ThreatFacts {
  return {
    caseId: row.id,
    level: row.level as ThreatLevel,
    categories: row.categories,
    status: row.status,
    postCount: row.postCount,
    openedAt: row.createdAt,
    signals: row.signals,
    post: { id: row.postId, platform: row.platform, url: row.url, title: null, text: row.text, language: row.language, authorHandle: row.authorHandle, at: row.at },
  };
}
