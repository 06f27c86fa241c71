import { loadNarratives, localTime, toPostFacts, toThreatFacts, type AlertDeps } from '../../alerts/index.js';
import { findCoordination } from '../../cluster-store/index.js';
import { summariseCoordination } from '../../clusters/index.js';
import { clusterSettings, type CoordinationSettings } from '../../config/index.js';
import { narrativeVoices } from '../../db/queries/index.js';
import type { ThreatLevel } from '../../db/schema/index.js';
import { caseFacts } from '../../db/queries/index.js';
import { narrativeDays, narrativesFirstSeenIn, sourceHealthList, threatCaseStatusCounts, threatLevelCounts, topPostsByStance, topThreatCaseIds } from '../../db/queries/index.js';
import type { DigestSettings } from '../../config/index.js';
import { addWeeks, formatIsoWeek, weekDays, weekRange, type IsoWeek } from '../iso-week.js';
import type { DigestStats, NarrativeWeek } from '../stats.js';

const LEVELS: ThreatLevel[] = ['critical', 'high', 'medium', 'low'];
const MAX_CASES = 5;
const SILENT_AFTER_MS = 24 * 3_600_000;

/** What reading a week needs: the database and the alerts time zone (days are local days). */
export type DigestSource = Pick<AlertDeps, 'db'> & { settings: Pick<AlertDeps['settings'], 'timeZone'>; coordination?: CoordinationSettings };

/** Reads one ISO week (and the week before, for trends) from the database. */
export async function loadDigestStats(deps: DigestSource, digest: DigestSettings, week: IsoWeek): Promise<DigestStats> {
  const tz = deps.settings.timeZone;
  const { start, end } = weekRange(week, tz);
  const previousStart = weekRange(addWeeks(week, -1), tz).start;
  const days = weekDays(week, tz).map((d) => {
    const l = localTime(d, tz);
    return { key: `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`, label: `${l.day}/${l.month}` };
  });
  const rows = await narrativeDays(deps.db, { from: previousStart, to: end, timeZone: tz });
  const fresh = new Set(await narrativesFirstSeenIn(deps.db, { from: start, to: end }));
  const top = await topPostsByStance(deps.db, { stance: 'spreading', from: start, to: end, perSlug: digest.topPosts });
  const concernTop = await topPostsByStance(deps.db, { stance: 'concern', from: start, to: end, perSlug: digest.topPosts });
  const dayIndex = new Map(days.map((d, i) => [d.key, i]));
  const slugs = [...new Set(rows.map((r) => r.slug))];
  const narratives = await loadNarratives(deps.db, slugs);
  const voices = new Map((await narrativeVoices(deps.db, { from: start, to: end, stance: 'spreading' })).map((v) => [v.slug, v]));
  const coordination = summariseCoordination(
    await findCoordination(deps.db, { from: start, to: end, slug: null, stance: 'spreading' }, deps.coordination ?? clusterSettings({}).coordination),
  );
  const weeks: NarrativeWeek[] = slugs.map((slug) => {
    const mine = rows.filter((r) => r.slug === slug);
    const inWeek = (r: { day: string }) => dayIndex.has(r.day);
    const sum = (stance: string, current: boolean) => mine.filter((r) => r.stance === stance && inWeek(r) === current).reduce((n, r) => n + r.count, 0);
    const daily = days.map((d) => mine.filter((r) => r.stance === 'spreading' && r.day === d.key).reduce((n, r) => n + r.count, 0));
    return {
      narrative: narratives.get(slug)!,
      spreading: sum('spreading', true),
      previousSpreading: sum('spreading', false),
      countering: sum('countering', true),
      texts: voices.get(slug)?.texts ?? 0,
      accounts: voices.get(slug)?.accounts ?? 0,
      reporting: sum('reporting', true),
      concern: sum('concern', true),
      daily,
      isNew: fresh.has(slug),
      topPosts: top.filter((p) => p.slug === slug).map(toPostFacts),
    };
  });
  const current = await threatLevelCounts(deps.db, { from: start, to: end });
  const previous = await threatLevelCounts(deps.db, { from: previousStart, to: start });
  const caseIds = await topThreatCaseIds(deps.db, { from: start, to: end, limit: MAX_CASES });
  const cases = (await caseFacts(deps.db, caseIds)).map(toThreatFacts).sort((a, b) => caseIds.indexOf(a.caseId) - caseIds.indexOf(b.caseId));
  const caseReview = await threatCaseStatusCounts(deps.db, { from: start, to: end });
  const sources = await sourceHealthList(deps.db);
  const byHealth: Record<string, number> = {};
  for (const s of sources.filter((x) => x.enabled)) byHealth[s.health] = (byHealth[s.health] ?? 0) + 1;
  const attention = sources.filter(
    (s) => s.enabled && (s.health === 'failing' || s.health === 'unhealthy' || (s.lastItemsAt !== null && end.getTime() - Date.parse(s.lastItemsAt) > SILENT_AFTER_MS)),
  );
  return {
    coordination,
    week: formatIsoWeek(week),
    start: start.toISOString(),
    end: end.toISOString(),
    dayLabels: days.map((d) => d.label),
    narratives: weeks.filter((w) => w.spreading + w.countering + w.reporting > 0).sort((a, b) => b.spreading - a.spreading || a.narrative.slug.localeCompare(b.narrative.slug)),
    concerns: weeks
      .filter((w) => w.concern > 0)
      .sort((a, b) => b.concern - a.concern || a.narrative.slug.localeCompare(b.narrative.slug))
      .map((w) => ({ narrative: w.narrative, count: w.concern, posts: concernTop.filter((p) => p.slug === w.narrative.slug).map(toPostFacts) })),
    threats: LEVELS.map((level) => ({
      level,
      count: current.find((c) => c.level === level)?.count ?? 0,
      previous: previous.find((c) => c.level === level)?.count ?? 0,
    })),
    cases,
    caseReview,
    sources: { total: sources.filter((s) => s.enabled).length, byHealth, attention },
  };
}
