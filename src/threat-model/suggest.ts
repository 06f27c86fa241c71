import { levelRank, type ThreatLevel } from '../threats/index.js';
import { scoreText, type ThreatModel } from './model.js';

/** The model's opinion of one post: its score, and whether that alone puts the post in the review queue. */
export interface ModelOpinion {
  score: number;
  modelVersion: string;
  /** True when the rules left the post at none or low and the score reaches the threshold. */
  suggested: boolean;
}

/** Score bands for reviewer statistics: how precise the model is in each. */
export const SCORE_BANDS = ['0.0-0.5', '0.5-0.7', '0.7-0.8', '0.8-0.9', '0.9-1.0'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/**
 * A second opinion that can only raise: a post the rules put at medium or above is already in the queue, so the model
 * is asked about the rest, and a suggestion never changes the level the rules decided (alerts follow the level, so a
 * suggestion alone never alerts anyone). `threshold` defaults to the model's tuned one.
 */
export function modelOpinion(model: ThreatModel, ruleLevel: ThreatLevel, text: string, lang?: string, threshold = model.threshold): ModelOpinion {
  const score = Math.round(scoreText(model, text, lang) * 1000) / 1000;
  return { score, modelVersion: model.version, suggested: levelRank(ruleLevel) < levelRank('medium') && score >= threshold };
}

export function scoreBand(score: number): ScoreBand {
  if (score < 0.5) return '0.0-0.5';
  if (score < 0.7) return '0.5-0.7';
  if (score < 0.8) return '0.7-0.8';
  if (score < 0.9) return '0.8-0.9';
  return '0.9-1.0';
}
