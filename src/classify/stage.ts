import type { Catalogue } from '../catalogue/index.js';
import { createAnalyzer, type AnalyzeLimits, type AnalyzedText } from '../language/index.js';
import { createThreatDetector, lexiconWords, type ThreatAssessment, type ThreatDetector, type ThreatRules, type WatchlistMatcher } from '../threats/index.js';
import { catalogueWords, createClassifier, type Classifier } from './classifier.js';
import type { ClassifyInput, ClassifyResult } from './types.js';

export interface ClassifyStageOptions {
  /** Version stored with narrative results; defaults to the catalogue's fingerprint. */
  catalogueVersion?: string;
  /** Version stored with threat assessments; defaults to the rules' fingerprint. */
  threatVersion?: string;
  watchlist?: WatchlistMatcher;
  limits?: Partial<AnalyzeLimits>;
  /** False builds the full analysis of every post (the reference the screens are tested against). Default true. */
  screen?: boolean;
}

export type StageInput = ClassifyInput;

export interface StageResult {
  narratives: ClassifyResult;
  threat: ThreatAssessment;
}

/** What the classify worker runs on each post: its narratives and its threat level, from one analysis. */
export interface ClassifyStage {
  readonly catalogueVersion: string;
  readonly threatVersion: string;
  /** The stage's classifier and detector alone (for evaluations of one of them); they share the stage's analyzer. */
  readonly classifier: Classifier;
  readonly detector: ThreatDetector;
  classify(input: StageInput): StageResult;
}

/**
 * The narrative classifier and the threat detector over ONE analyzer, whose lexicon holds the catalogue's and the
 * threat lexicons' words (hashtags and compounds split into either's words). Per post: one prepared text (tokens,
 * word look-ups, language), the narrative screen and the threat screen on its words, and the full analysis, built
 * once, only when either screen says its detector needs it; most posts carry neither and never get one. Per-post
 * scratch space is reused: a stage serves one post at a time (create one per worker).
 */
export function createClassifyStage(catalogue: Catalogue, rules: ThreatRules, options: ClassifyStageOptions = {}): ClassifyStage {
  const analyzer = createAnalyzer({ extraWords: [...catalogueWords(catalogue), ...lexiconWords(rules)], limits: options.limits });
  const classifier = createClassifier(catalogue, { version: options.catalogueVersion, analyzer });
  const detector = createThreatDetector(rules, options.watchlist, { version: options.threatVersion, analyzer });
  let analyzed: AnalyzedText | undefined;
  const analysis = (): AnalyzedText => (analyzed ??= analyzer.finish());

  function classify(input: StageInput): StageResult {
    if (options.screen === false) {
      const full = analyzer.analyze(input.text, input);
      return { narratives: classifier.classifyAnalyzed(input.id, full), threat: detector.assessAnalyzed(full) };
    }
    // The input carries the meta fields itself (lang, source, author, url): no copy per post.
    const prepared = analyzer.prepare(input.text, input);
    analyzed = undefined;
    const narratives = classifier.classifyPrepared(input.id, prepared, analysis);
    const threat = detector.assessPrepared(prepared, analysis);
    analyzed = undefined;
    return { narratives, threat };
  }

  return { catalogueVersion: classifier.version, threatVersion: detector.version, classifier, detector, classify };
}
