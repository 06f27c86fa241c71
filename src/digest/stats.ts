import type { NarrativeFacts, PostFacts, ThreatFacts } from '../alerts/index.js';
import type { ThreatLevel } from '../db/schema/index.js';

export interface NarrativeWeek {
  narrative: NarrativeFacts;
  spreading: number;
  previousSpreading: number;
  countering: number;
  reporting: number;
  /** Posts voicing a genuine concern (criticism, a personal complaint) this week; never counted as spreading. */
  concern: number;
  /** Spreading posts per local day, Monday first. */
  daily: number[];
  /** First post ever seen this week. */
  isNew: boolean;
  topPosts: PostFacts[];
  /** Distinct texts (clusters) and accounts among the week's spreading posts (shares included). */
  texts: number;
  accounts: number;
}

export interface SourceAttention {
  id: number;
  name: string;
  kind: string;
  health: string;
  lastItemsAt: string | null;
  lastErrorCode: string | null;
}

/** Everything a week's digest can say, for every role; each recipient's email picks its sections. */
export interface DigestStats {
  week: string;
  start: string;
  end: string;
  /** "23/11" per day of the week, for the chart. */
  dayLabels: string[];
  narratives: NarrativeWeek[];
  /** Narratives touched by posts of concern this week, most first, with their strongest such posts (issue 20). */
  concerns: { narrative: NarrativeFacts; count: number; posts: PostFacts[] }[];
  threats: { level: ThreatLevel; count: number; previous: number }[];
  cases: ThreatFacts[];
  /** Cases opened this week by review status now, and every case still waiting for a verdict. */
  caseReview: { opened: { status: string; count: number }[]; open: number };
  sources: { total: number; byHealth: Record<string, number>; attention: SourceAttention[] };
  /** Coordinated sharing among the week's spreading posts (issue 18); null when none was found. */
  coordination: { networks: number; accounts: number; shared: 'link' | 'text' | 'both' } | null;
}

/** "+35 %", "−20 %", "±0 %", or null when there was nothing the week before. */
export function trendPercent(current: number, previous: number): string | null {
  if (previous === 0) return null;
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) return '±0 %';
  return change > 0 ? `+${change} %` : `−${Math.abs(change)} %`;
}
