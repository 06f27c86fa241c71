import { createHash } from 'node:crypto';
import { assessedText } from '../text/index.js';
import type { ThreatAssessment, ThreatDetector } from '../threats/index.js';
import { levelRank } from '../threats/index.js';
import { modelOpinion, type ModelOpinion, type ThreatModel } from '../threat-model/index.js';

/** What classifyPosts already selects for a batch of posts. */
export interface ThreatPostInput {
  id: number;
  title: string | null;
  text: string;
  language: string | null;
  platform: string;
  author: string | null;
  url: string | null;
  contentHash: string;
}

/** One assessed post: a post_threats row (when not none) and, from medium up, a case. */
export interface ThreatRow {
  postId: number;
  assessment: ThreatAssessment;
  rulesVersion: string;
  contentHash: string;
  /** The text the offsets point into (title and body, as the classifier reads them). */
  text: string;
  /** The model's second opinion; absent or null when no model runs. */
  opinion?: ModelOpinion | null;
}

/** The model a worker runs beside the rules, with the threshold in force (configured, or the model's tuned one). */
export interface ThreatSuggester {
  model: ThreatModel;
  threshold: number;
}


/**
 * Assesses a batch (pure, before the transaction): rows for every post, level none included. With a suggester, the
 * model scores each post after the rules; its opinion is stored beside the rules' level and never changes it.
 */
export function assessThreats(detector: ThreatDetector, rulesVersion: string, posts: readonly ThreatPostInput[], suggester?: ThreatSuggester | null): ThreatRow[] {
  return posts.map((post) => {
    const assessment = detector.assess({ text: assessedText(post), lang: post.language ?? undefined, source: post.platform, author: post.author ?? undefined, url: post.url ?? undefined });
    return threatRow(post, assessment, rulesVersion, suggester);
  });
}

/**
 * The row of a post assessed elsewhere (the classify stage assesses narratives and threats from one analysis). With a
 * suggester, the model scores the post after the rules; its opinion is stored beside the rules' level and never changes it.
 */
export function threatRow(post: ThreatPostInput, assessment: ThreatAssessment, rulesVersion: string, suggester?: ThreatSuggester | null): ThreatRow {
  const text = assessedText(post);
  const opinion = suggester ? modelOpinion(suggester.model, assessment.level, text, post.language ?? undefined, suggester.threshold) : null;
  return { postId: Number(post.id), assessment, rulesVersion, contentHash: post.contentHash, text, opinion };
}

/** Posts the rules put at medium or above, and posts the model suggests, go to the review queue. */
export function needsCase(row: ThreatRow): boolean {
  return levelRank(row.assessment.level) >= levelRank('medium') || row.opinion?.suggested === true;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export { assessedText };
