import type { RuleLang } from '../catalogue/index.js';
import type { Lang } from '../language/index.js';
import type { ExemplarMatch } from './exemplar-index.js';

/**
 * A post's stance towards the narratives it touches: spreading the false claim, countering it, reporting on it, or
 * voicing a genuine concern (legitimate criticism or a personal complaint about social services, issue 20), which is
 * kept out of spreading counts and surges and listed apart in the digest.
 */
export type Stance = 'spreading' | 'countering' | 'reporting' | 'concern';

export interface ClassifyInput {
  id: string | number;
  text: string;
  /** The post's language when the source states it; detected otherwise. */
  lang?: string;
  source?: string;
  author?: string;
  url?: string;
}

/** One term of one rule, where it matched in the original text. */
export interface MatchedTerm {
  /** Rule id within the narrative and language (`kidnap-words`). */
  rule: string;
  lang: RuleLang;
  term: string;
  start: number;
  end: number;
  text: string;
}

/** Why a stance was chosen: a cue query (`sv-debunk`) or `negation` next to a claim term. */
export interface StanceEvidence {
  cue: string;
  stance: Stance;
  term: string;
  start: number;
  end: number;
  text: string;
}

export interface NarrativeResult {
  slug: string;
  /** 0-1, rounded to 3 decimals; at or above the narrative's threshold. */
  score: number;
  stance: Stance;
  /** Terms of the positive rules that matched (empty when only exemplar similarity carried the post). */
  matched: MatchedTerm[];
  exemplar?: ExemplarMatch;
  stanceEvidence: StanceEvidence[];
}

export interface ClassifyResult {
  id: string | number;
  lang: Lang;
  /** Fingerprint (or the version given) of the catalogue that produced this result. */
  catalogueVersion: string;
  /** True when the post was longer than the analysis caps and only its beginning was classified. */
  truncated: boolean;
  narratives: NarrativeResult[];
}
