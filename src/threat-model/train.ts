import type { SparseVector } from './features.js';

/** One training example: its features, whether it is a high+ threat, and how much it counts. */
export interface TrainingExample {
  features: SparseVector;
  label: 0 | 1;
  weight: number;
}

export interface TrainingOptions {
  dim: number;
  epochs: number;
  /** L2 penalty per example step. */
  l2: number;
  /** Initial learning rate, decayed as 1 / (1 + decay * step). */
  learningRate: number;
  decay: number;
  /** Seeds the shuffle: the same examples and seed give the same weights, bit for bit. */
  seed: number;
}

export const DEFAULT_TRAINING: Omit<TrainingOptions, 'dim'> = { epochs: 12, l2: 1e-5, learningRate: 0.5, decay: 1e-4, seed: 15 };

export interface TrainedWeights {
  weights: Float32Array;
  bias: number;
}

/**
 * Logistic regression by stochastic gradient descent with L2 shrinkage, in a seeded order. L2 is applied lazily
 * (a running scale factor), so a step costs the example's features, not the whole weight vector.
 */
export function trainLogistic(examples: readonly TrainingExample[], options: TrainingOptions): TrainedWeights {
  const w = new Float64Array(options.dim);
  let scale = 1;
  let bias = 0;
  let step = 0;
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const { features, label, weight } = examples[i] as TrainingExample;
      const rate = options.learningRate / (1 + options.decay * step++);
      let z = bias;
      for (let k = 0; k < features.indices.length; k++) z += w[features.indices[k] as number]! * scale * features.values[k]!;
      const gradient = (sigmoid(z) - label) * weight;
      scale *= 1 - rate * options.l2;
      if (scale < 1e-6) {
        for (let j = 0; j < w.length; j++) w[j]! *= scale;
        scale = 1;
      }
      const delta = (rate * gradient) / scale;
      for (let k = 0; k < features.indices.length; k++) w[features.indices[k] as number]! -= delta * features.values[k]!;
      bias -= rate * gradient;
    }
  }
  return { weights: Float32Array.from(w, (x) => x * scale), bias };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Raw margin of one vector under the weights. */
export function margin(weights: ArrayLike<number>, bias: number, features: SparseVector): number {
  let z = bias;
  for (let k = 0; k < features.indices.length; k++) z += weights[features.indices[k] as number]! * features.values[k]!;
  return z;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): training and the benches repeat exactly from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}
