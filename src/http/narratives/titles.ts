import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import type { Lang } from '../views/i18n.js';

export type NarrativeTitles = Map<string, { sv: string; en: string }>;

/** Each narrative's title in both UI languages, from the version in force. */
export async function narrativeTitles(db: Db): Promise<NarrativeTitles> {
  const rows = await queryRows<{ slug: string; sv: string | null; en: string | null }>(
    db,
    sql`select n.slug, v.definition->'title'->>'sv' as sv, v.definition->'title'->>'en' as en
        from narratives n join narrative_versions v on v.narrative_id = n.id and v.version = n.current_version order by n.slug`,
  );
  return new Map(rows.map((r) => [r.slug, { sv: r.sv ?? r.slug, en: r.en ?? r.slug }]));
}

export function titleOf(titles: NarrativeTitles, slug: string, lang: Lang): string {
  return titles.get(slug)?.[lang] ?? slug;
}
