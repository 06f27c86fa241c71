import { createHash } from 'node:crypto';
import { DEFAULT_FEATURES, textFeatures, type FeatureSpec, type SparseVector } from './features.js';
import { buildThreatModel, type ThreatModel, type TrainingProvenance } from './model.js';
import { DEFAULT_TRAINING, margin, sigmoid, trainLogistic, type TrainingExample, type TrainingOptions } from './train.js';

/** A labelled text as the training run reads it; `source` groups examples for weighting and provenance. */
export interface LabelledText {
  source: string;
  id: string;
  text: string;
  lang?: string;
  positive: boolean;
  /** Set for the examples the threshold is tuned on (the threat set's tuning half). */
  tunesThreshold?: boolean;
  /** Set for the offensive-language negatives, whose false suggestions the threshold must keep rare. */
  offensive?: boolean;
}

export interface FitOptions {
  features: FeatureSpec;
  training: Omit<TrainingOptions, 'dim'>;
  /** Folds of the cross-validation that gives every example an out-of-fold score for the threshold. */
  folds: number;
  /** Highest share of the offensive-language negatives of any one corpus the threshold may suggest (out of fold). */
  maxOffensiveRate: number;
  /**
   * Total weight of the offensive negatives relative to the other examples: they outnumber the threat set twenty
   * to one and would otherwise teach the model that every hostile word is harmless.
   */
  offensiveWeight: number;
}

export const DEFAULT_FIT: FitOptions = { features: DEFAULT_FEATURES, training: DEFAULT_TRAINING, folds: 5, maxOffensiveRate: 0.005, offensiveWeight: 2 };

/**
 * Trains the shipped model: positives weighted to balance the negatives, a threshold chosen on out-of-fold scores of
 * the threat set's tuning half (the F2 maximum, since a missed threat is the worst failure, among thresholds that
 * suggest at most `maxOffensiveRate` of ordinary offensive posts), then the final fit on everything. Deterministic.
 */
export function fitThreatModel(labelled: readonly LabelledText[], options: FitOptions = DEFAULT_FIT): ThreatModel {
  const vectors = labelled.map((l) => textFeatures(l.text, options.features, l.lang));
  const examples = weighExamples(labelled, vectors, options.offensiveWeight);
  const train = { ...options.training, dim: options.features.dim };
  const outOfFold = new Float64Array(labelled.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const inFold = labelled.map((l) => foldOf(l, options.folds) === fold);
    const model = trainLogistic(examples.filter((_, i) => !inFold[i]), train);
    labelled.forEach((_, i) => {
      if (inFold[i]) outOfFold[i] = sigmoid(margin(model.weights, model.bias, vectors[i] as SparseVector));
    });
  }
  const threshold = chooseThreshold(labelled, outOfFold, options);
  const trained = trainLogistic(examples, train);
  return buildThreatModel(trained, options.features, threshold.value, { digest: trainingDigest(labelled), examples: countBySource(labelled), threshold });
}

function weighExamples(labelled: readonly LabelledText[], vectors: readonly SparseVector[], offensiveWeight: number): TrainingExample[] {
  const core = labelled.filter((l) => !l.offensive);
  const positives = core.filter((l) => l.positive).length;
  const negatives = core.length - positives;
  const offensive = labelled.length - core.length;
  const positiveWeight = positives === 0 ? 1 : Math.max(1, negatives / positives);
  const offensiveEach = offensive === 0 ? 0 : (offensiveWeight * core.length) / offensive;
  return labelled.map((l, i) => ({
    features: vectors[i] as SparseVector,
    label: l.positive ? 1 : 0,
    weight: l.offensive ? offensiveEach : l.positive ? positiveWeight : 1,
  }));
}

/** Candidate thresholds 0.05 … 0.95; the F2 maximum within the offensive cap, ties to the higher (fewer suggestions). */
function chooseThreshold(labelled: readonly LabelledText[], scores: Float64Array, options: FitOptions): TrainingProvenance['threshold'] {
  let best: { value: number; f2: number; precision: number; recall: number; offensiveRate: number } | null = null;
  const offensiveScores = new Map<string, number[]>();
  labelled.forEach((l, i) => {
    if (l.offensive) (offensiveScores.get(l.source) ?? offensiveScores.set(l.source, []).get(l.source)!).push(scores[i] as number);
  });
  for (let step = 5; step <= 95; step++) {
    const t = step / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    labelled.forEach((l, i) => {
      if (!l.tunesThreshold) return;
      const hit = (scores[i] as number) >= t;
      if (hit && l.positive) tp++;
      else if (hit) fp++;
      else if (l.positive) fn++;
    });
    const offensiveRate = Math.max(0, ...[...offensiveScores.values()].map((s) => s.filter((x) => x >= t).length / s.length));
    if (offensiveRate > options.maxOffensiveRate) continue;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
    if (best === null || f2 >= best.f2) best = { value: t, f2, precision, recall, offensiveRate };
  }
  const chosen = best ?? { value: 0.95, f2: 0, precision: 0, recall: 0, offensiveRate: 1 };
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    value: chosen.value,
    reason: `F2 maximum on ${options.folds}-fold out-of-fold scores of the threat set's tuning half, among thresholds suggesting at most ${options.maxOffensiveRate * 100} % of the offensive-language negatives of any corpus`,
    figures: { f2: r(chosen.f2), precision: r(chosen.precision), recall: r(chosen.recall), offensiveRate: r(chosen.offensiveRate) },
  };
}

function foldOf(l: LabelledText, folds: number): number {
  return createHash('sha256').update(`${l.source}:${l.id}`).digest().readUInt32BE(0) % folds;
}

function trainingDigest(labelled: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const l of labelled) hash.update(`${l.source}\u0000${l.id}\u0000${l.positive ? 1 : 0}\u0000${l.text}\u0000`);
  return hash.digest('hex');
}

function countBySource(labelled: readonly LabelledText[]): TrainingProvenance['examples'] {
  const out: TrainingProvenance['examples'] = {};
  for (const l of labelled) {
    const c = (out[l.source] ??= { positive: 0, negative: 0 });
    if (l.positive) c.positive++;
    else c.negative++;
  }
  return out;
}
