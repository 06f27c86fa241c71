import type { StoredThreatSignal, ThreatLevel } from '../../db/schema/index.js';
import type { CoordinationSummary } from '../../clusters/index.js';
import type { PostFactsRow, Voices } from '../../db/queries/index.js';
import type { SurgeChannel } from '../settings.js';

/**
 * A post as an email shows it: the stored row (`at` the ISO time it was published or first seen), with a null id for
 * a case post whose post was deleted since (the case keeps its snapshot).
 */
export type PostFacts = Omit<PostFactsRow, 'id'> & { id: number | null };

/** Titles and counter-facts of a narrative, read tolerantly from its catalogue definition. */
export interface NarrativeFacts {
  slug: string;
  title: Partial<Record<'sv' | 'en', string>>;
  counterFacts: Partial<Record<'sv' | 'en' | 'ar', string>>;
}

export interface Tally {
  name: string;
  count: number;
}

export interface SurgeFacts {
  narrative: NarrativeFacts;
  channel: SurgeChannel;
  reason: 'surge' | 'growth' | 'new-channel';
  windowMinutes: number;
  window: number;
  expected: number;
  ratio: number;
  newPlatforms: string[];
  newLanguages: string[];
  platforms: Tally[];
  languages: Tally[];
  examples: PostFacts[];
  /** surge.followUpMinutes, told in the footer. */
  followUpMinutes: number;
  /** What `window`, `expected` and `ratio` count (alerts.surge.countBy). */
  countBy: 'posts' | 'texts' | 'accounts';
  /** Posts, distinct texts and distinct accounts of the window, side by side. */
  voices: Voices;
  /** Accounts that shared the same link or text within the coordination window, repeatedly; null when none. */
  coordination: CoordinationSummary | null;
  coordinationWindowSeconds: number;
  /** The period the cluster and network pages show (ISO). */
  windowStart: string;
  windowEnd: string;
}

export type ThreatSignal = StoredThreatSignal;

/** A threat case as an alert tells it: the case, and the post that set its level (with the signals in it). */
export interface ThreatFacts {
  caseId: number;
  level: ThreatLevel;
  categories: string[];
  status: string;
  postCount: number;
  /** ISO time the case was opened. */
  openedAt: string;
  signals: ThreatSignal[];
  post: PostFacts;
}

/** What changed since the case was last told: opened, its level rose, or it gained posts. */
export interface CaseChangeFacts {
  change: 'opened' | 'raised' | 'grown';
  previousLevel: ThreatLevel | null;
  /** Posts in the case when it was last told. */
  previousCount: number;
}

/** A critical case nobody acknowledged within the escalation time. */
export interface EscalationFacts {
  threat: ThreatFacts;
  alertedAt: string;
  minutes: number;
}

export interface SilenceFacts {
  source: { id: number; name: string; kind: string; url: string };
  reason: 'no-items' | 'errors';
  silentSince: string;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  activeDays: number;
  historyDays: number;
}

/** Settings every alert email needs. */
export interface EmailOptions {
  timeZone: string;
  /** Web UI base for links (alerts.uiBaseUrl, else http.publicUrl, else the address the server listens on). */
  uiBaseUrl: string;
}
