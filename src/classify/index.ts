export { createClassifier, type Classifier, type ClassifierOptions } from './classifier.js';
export type { ExemplarMatch } from './exemplar-index.js';
export { classifyJsonlStream, parseInputLine, toOutputLine, type InvalidLine, type JsonlCounts, type JsonlOptions } from './jsonl-stream.js';
export { EXEMPLAR_MIN_SIMILARITY, EXEMPLAR_WEIGHT, narrativeScore } from './score.js';
export { CONCERN_CUES, COUNTERING_CUES, LOADED_CLAIM_WEIGHT, REPORTING_CUES, SPREADING_CUES, type StanceCue } from './stance-cues.js';
export type { ClassifyInput, ClassifyResult, MatchedTerm, NarrativeResult, Stance, StanceEvidence } from './types.js';
export { createClassifyStage, type ClassifyStage, type ClassifyStageOptions, type StageInput, type StageResult } from './stage.js';
