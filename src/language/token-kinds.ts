import type { TokenKind } from './types.js';

/**
 * Token kinds as stored in typed arrays (the scanner's spans, the analyzer's prepared tokens): the ONE numbering.
 * The word-like kinds come first, so {@link isWordCode} is one comparison. Spans are never `Number`: the analyzer
 * tells numbers from words when it looks the word up.
 */
export const TokenCode = { Word: 0, Number: 1, Mention: 2, Hashtag: 3, Url: 4, Emoji: 5 } as const;
export type TokenCode = (typeof TokenCode)[keyof typeof TokenCode];

/** The {@link TokenKind} of each {@link TokenCode}, by code. */
export const TOKEN_KINDS: readonly TokenKind[] = ['word', 'number', 'mention', 'hashtag', 'url', 'emoji'];

/** Words, numbers and mentions: the kinds looked up in the word memo (they have a word id). */
export function isWordCode(code: TokenCode): boolean {
  return code <= TokenCode.Mention;
}
