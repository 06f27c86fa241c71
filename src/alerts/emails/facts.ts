import type { ThreatLevel } from '../../db/schema/index.js';
import type { SurgeChannel } from '../settings.js';

/** A post as an email shows it. */
export interface PostFacts {
  id: number;
  platform: string;
  url: string | null;
  title: string | null;
  text: string;
  language: string | null;
  authorHandle: string | null;
  /** ISO time the post was published (or first seen). */
  at: string;
}

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
}

export interface ThreatSignal {
  kind: string;
  text: string;
  start: number;
  end: number;
  rule?: string;
}

export interface ThreatFacts {
  level: ThreatLevel;
  categories: string[];
  signals: ThreatSignal[];
  post: PostFacts;
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
  /** Admin UI base for links; null leaves links into the UI out. */
  uiBaseUrl: string | null;
}
