export { DEFAULT_FIT, fitThreatModel, type FitOptions, type LabelledText } from './fit.js';
export { DEFAULT_FEATURES, fnv1a, MAX_FEATURE_CHARS, textFeatures, type FeatureSpec, type SparseVector } from './features.js';
export { loadThreatModelFile } from './load.js';
export { buildThreatModel, MODEL_FORMAT, parseThreatModel, scoreText, serialiseThreatModel, ThreatModelError, type ThreatModel, type TrainingProvenance } from './model.js';
export { modelOpinion, SCORE_BANDS, scoreBand, type ModelOpinion, type ScoreBand } from './suggest.js';
export { DEFAULT_TRAINING, margin, seededRandom, sigmoid, trainLogistic, type TrainedWeights, type TrainingExample, type TrainingOptions } from './train.js';
