/** Threat levels in rising order (../shared/DOMAIN.md): none, low (hostile), medium (mobilization), high, critical. */
export const THREAT_LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type ThreatLevel = (typeof THREAT_LEVELS)[number];

/** What a post does: insults staff, mobilises people, exposes a named person, or threatens harm. */
export const THREAT_CATEGORIES = ['hostile', 'mobilization', 'doxxing', 'threat'] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

/**
 * Evidence kinds. Rules emit: `threat` (harm to staff, offices or families, or incitement), `menace` (second-person
 * intimidation: "we know where you live"), `means` (weapon, fire, explosive), `time`, `place` (an office, a landmark),
 * `gathering` (a call to assemble), `flood` (a call to flood phones or inboxes), `hostile`, `dehumanising`,
 * `exposure` ("here is her home address"), `photo` (pictures of a person or their home), `personal-ref` ("her name
 * is", "hon bor på"). The detector adds `phone`, `address` and clock `time` from patterns, and `watchlist` hits.
 */
export const RULE_SIGNAL_KINDS = [
  'threat',
  'menace',
  'means',
  'time',
  'place',
  'gathering',
  'flood',
  'hostile',
  'dehumanising',
  'exposure',
  'photo',
  'personal-ref',
] as const;
export type RuleSignalKind = (typeof RULE_SIGNAL_KINDS)[number];
export type SignalKind = RuleSignalKind | 'phone' | 'address' | 'watchlist';

/** One piece of evidence; `start`/`end` are UTF-16 offsets into the original text, `text` is that slice. */
export interface ThreatSignal {
  kind: SignalKind;
  text: string;
  start: number;
  end: number;
  /** `<lang>/<rule id>` of the rule that produced it, `pattern/<name>`, or `watchlist/<entry id>`. */
  rule: string;
  /**
   * True when the span only sets the scene (a staff word, "vi"): lists of decisive words leave it out. Only signals
   * stored by earlier versions carry it; the detector now leaves such spans out altogether (issue 15).
   */
  support?: boolean;
}

/** The assessment of one post; {@link toThreatOutput} gives the `threat` field of `vaksam classify --jsonl`. */
export interface ThreatAssessment {
  level: ThreatLevel;
  categories: ThreatCategory[];
  /** Evidence for the level, in text order, at most {@link MAX_SIGNALS}; empty when the level is none. */
  signals: ThreatSignal[];
  /** Every rule whose evidence counted, also those whose signals the cap dropped (for precision per rule). */
  rules: string[];
}

/** The public JSON shape: `{"level","categories":[...],"signals":[{"kind","text","start","end"}]}`. */
export interface ThreatOutput {
  level: ThreatLevel;
  categories: ThreatCategory[];
  signals: Array<Pick<ThreatSignal, 'kind' | 'text' | 'start' | 'end'>>;
}

export function toThreatOutput(assessment: ThreatAssessment): ThreatOutput {
  return {
    level: assessment.level,
    categories: assessment.categories,
    signals: assessment.signals.map((s) => ({ kind: s.kind, text: s.text, start: s.start, end: s.end })),
  };
}

export interface ThreatInput {
  text: string;
  /** The post's language when the source states it (rules of every language run regardless). */
  lang?: string;
  source?: string;
  author?: string;
  url?: string;
}

/** Signals kept per post: a post with 10,000 phone numbers is still flagged, with a readable list. */
export const MAX_SIGNALS = 50;

export function levelRank(level: ThreatLevel): number {
  return THREAT_LEVELS.indexOf(level);
}

export function maxLevel(a: ThreatLevel, b: ThreatLevel): ThreatLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function isThreatLevel(value: string): value is ThreatLevel {
  return (THREAT_LEVELS as readonly string[]).includes(value);
}
