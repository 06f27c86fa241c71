import type { Catalogue } from '../catalogue/index.js';
import type { AnalyzeLimits } from '../language/index.js';
import { createThreatDetector, type ThreatAssessment, type ThreatRules, type WatchlistMatcher } from '../threats/index.js';
import { createClassifier } from './classifier.js';
import type { ClassifyInput, ClassifyResult } from './types.js';

export interface ClassifyStageOptions {
  /** Version stored with narrative results; defaults to the catalogue's fingerprint. */
  catalogueVersion?: string;
  /** Version stored with threat assessments; defaults to the rules' fingerprint. */
  threatVersion?: string;
  watchlist?: WatchlistMatcher;
  limits?: Partial<AnalyzeLimits>;
  /** False runs the full analysis on every post (the reference the screen is tested against). Default true. */
  screen?: boolean;
}

export type StageInput = ClassifyInput;

export interface StageResult {
  narratives: ClassifyResult;
  threat: ThreatAssessment;
}

/** What the classify worker runs on each post: its narratives and its threat level. */
export interface ClassifyStage {
  readonly catalogueVersion: string;
  readonly threatVersion: string;
  classify(input: StageInput): StageResult;
}

export function createClassifyStage(catalogue: Catalogue, rules: ThreatRules, options: ClassifyStageOptions = {}): ClassifyStage {
  const classifier = createClassifier(catalogue, { version: options.catalogueVersion, limits: options.limits });
  const detector = createThreatDetector(rules, options.watchlist, { version: options.threatVersion, limits: options.limits });
  return {
    catalogueVersion: classifier.version,
    threatVersion: detector.version,
    classify: (input) => ({
      narratives: classifier.classify(input),
      threat: detector.assess({ text: input.text, lang: input.lang, source: input.source, author: input.author, url: input.url }),
    }),
  };
}
