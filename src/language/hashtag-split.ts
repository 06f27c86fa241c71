import type { Lexicon } from './lexicon.js';
import { normalizeWord } from './normalize.js';
import { segmentRun } from './segment.js';

/** One word of a hashtag; offsets are relative to the hashtag body (the text after `#`). */
export interface HashtagPart {
  norm: string;
  start: number;
  end: number;
}

export interface SplitHashtag {
  /** The whole body normalised, underscores removed: `#Sluta_Kidnappa` and `#slutakidnappa` are the same tag. */
  norm: string;
  parts: HashtagPart[];
}

/**
 * Splits a hashtag body into words: at underscores (`أوقفوا_خطف_أطفالنا`), at case changes
 * (`StopKidnappingOurChildren`, `StopLVUNow`), between letters and digits, and then each chunk over the lexicon
 * (`slutakidnappavårabarn`).
 */
export function splitHashtag(body: string, lexicon: Lexicon): SplitHashtag {
  const parts: HashtagPart[] = [];
  let norm = '';
  for (const chunk of chunksOf(body)) {
    const chunkNorm = normalizeWord(body.slice(chunk.start, chunk.end));
    if (chunkNorm.length === 0) continue;
    norm += chunkNorm;
    const words = segmentRun(chunkNorm, lexicon);
    // Offsets inside the chunk are exact only when normalisation kept its length; otherwise each word gets the chunk.
    const exact = chunkNorm.length === chunk.end - chunk.start;
    let offset = chunk.start;
    for (const word of words) {
      parts.push(exact ? { norm: word, start: offset, end: offset + word.length } : { norm: word, start: chunk.start, end: chunk.end });
      offset += word.length;
    }
  }
  return { norm, parts };
}

interface Chunk {
  start: number;
  end: number;
}

/**
 * The words of a hashtag or @handle body by its spelling alone, without the lexicon: split at underscores, case
 * changes and between letters and digits (`StopLVUNow` → Stop, LVU, Now; `jane_doe` → jane, doe), not normalised.
 */
export function hashtagChunks(body: string): string[] {
  return chunksOf(body).map((chunk) => body.slice(chunk.start, chunk.end));
}

function chunksOf(body: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 1; i <= body.length; i++) {
    if (i === body.length || body[i] === '_' || isBoundary(body, i)) {
      // `start` stands on an underscore after a leading one or a doubled one (`@_SJPeace_`): the chunk begins after it.
      const from = body[start] === '_' ? start + 1 : start;
      if (i > from) chunks.push({ start: from, end: i });
      start = body[i] === '_' ? i + 1 : i;
    }
  }
  return chunks.filter((c) => c.end > c.start);
}

/** A word boundary inside a hashtag body between position i-1 and i. */
function isBoundary(body: string, i: number): boolean {
  const prev = body[i - 1] as string;
  const cur = body[i] as string;
  if (prev === '_') return false;
  if (isDigit(prev) !== isDigit(cur)) return isLetterOrDigit(prev) && isLetterOrDigit(cur);
  if (isLower(prev) && isUpper(cur)) return true;
  const next = body[i + 1];
  return isUpper(prev) && isUpper(cur) && next !== undefined && isLower(next);
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isLetterOrDigit(ch: string): boolean {
  return isDigit(ch) || ch.toLowerCase() !== ch.toUpperCase() || ch.charCodeAt(0) >= 0x600;
}
