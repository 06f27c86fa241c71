import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VaksamError } from '../errors/index.js';
import { textFeatures, type FeatureSpec } from './features.js';
import { margin, sigmoid, type TrainedWeights } from './train.js';

export const MODEL_FORMAT = 'vaksam-threat-model/1';

/** What the training run saw, so a weights file names its data (sizes per source and a digest of every example). */
export interface TrainingProvenance {
  /** SHA-256 over every example's source, id, label and text, in training order. */
  digest: string;
  /** Examples per source (`threats-tune`, `ethos-violence`, `olid-en` …) and label. */
  examples: Record<string, { positive: number; negative: number }>;
  /** How the threshold was chosen, with the out-of-fold figures behind it. */
  threshold: { value: number; reason: string; figures: Record<string, number> };
}

/** A trained model ready to score: weights quantised to 8 bits, a bias and a tuned threshold. */
export interface ThreatModel {
  /** `tm-` and 12 hex digits of the weights' digest: the same training gives the same version. */
  version: string;
  features: FeatureSpec;
  bias: number;
  weights: Float32Array;
  /** Score at or above which a post the rules left at none or low is suggested for review. */
  threshold: number;
  training: TrainingProvenance;
}

export class ThreatModelError extends VaksamError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('THREAT_MODEL_INVALID', message, options);
  }
}

const fileSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    version: z.string().regex(/^tm-[0-9a-f]{12}$/u),
    features: z.object({ dim: z.number().int().min(2).max(1 << 22), charMin: z.number().int().min(1).max(8), charMax: z.number().int().min(1).max(8) }).strict(),
    bias: z.number().finite(),
    weightScale: z.number().positive().finite(),
    weights: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/u),
    threshold: z.number().gt(0).lt(1),
    training: z.object({
      digest: z.string().regex(/^[0-9a-f]{64}$/u),
      examples: z.record(z.string(), z.object({ positive: z.number().int().min(0), negative: z.number().int().min(0) })),
      threshold: z.object({ value: z.number(), reason: z.string(), figures: z.record(z.string(), z.number()) }),
    }),
  })
  .strict()
  .refine((f) => (f.features.dim & (f.features.dim - 1)) === 0, { message: 'features.dim must be a power of two' });

/** Quantises trained weights to 8 bits and names the result by its digest. */
export function buildThreatModel(trained: TrainedWeights, features: FeatureSpec, threshold: number, training: TrainingProvenance): ThreatModel {
  const { bytes, scale } = quantise(trained.weights);
  const weights = Float32Array.from(bytes, (b) => b * scale);
  const bias = Math.round(trained.bias * 1e6) / 1e6;
  const version = `tm-${createHash('sha256').update(Buffer.from(bytes.buffer)).update(`${bias}|${JSON.stringify(features)}`).digest('hex').slice(0, 12)}`;
  return { version, features, bias, weights, threshold, training };
}

/** The file form: JSON with the weights as base64 of signed bytes (128 KiB of weights for 2^17 buckets). */
export function serialiseThreatModel(model: ThreatModel): string {
  const { bytes, scale } = quantise(model.weights);
  const file = {
    format: MODEL_FORMAT,
    version: model.version,
    features: model.features,
    bias: model.bias,
    weightScale: scale,
    threshold: model.threshold,
    training: model.training,
    weights: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Reads a model file's text; `source` names it in errors. A file that does not validate is rejected whole. */
export function parseThreatModel(text: string, source: string): ThreatModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ThreatModelError(`${source}: not JSON (${(cause as Error).message})`, { cause, details: { source } });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new ThreatModelError(`${source}: not a ${MODEL_FORMAT} file: ${problems}`, { details: { source } });
  }
  const file = parsed.data;
  const bytes = new Int8Array(Buffer.from(file.weights, 'base64'));
  if (bytes.length !== file.features.dim) {
    throw new ThreatModelError(`${source}: weights hold ${bytes.length} values, features.dim says ${file.features.dim}`, { details: { source } });
  }
  return {
    version: file.version,
    features: file.features,
    bias: file.bias,
    weights: Float32Array.from(bytes, (b) => b * file.weightScale),
    threshold: file.threshold,
    training: file.training,
  };
}

/** The model's probability that a text is a high+ threat (0..1). */
export function scoreText(model: Pick<ThreatModel, 'features' | 'weights' | 'bias'>, text: string, lang?: string): number {
  return sigmoid(margin(model.weights, model.bias, textFeatures(text, model.features, lang)));
}

function quantise(weights: Float32Array): { bytes: Int8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max === 0 ? 1 : max / 127;
  return { bytes: Int8Array.from(weights, (w) => Math.round(w / scale)), scale };
}
