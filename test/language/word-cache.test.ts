import { describe, expect, it } from 'vitest';
import { createLexicon } from '../../src/language/lexicon.js';
import { hashRange } from '../../src/language/range-memo.js';
import { WordCache } from '../../src/language/word-cache.js';

function tag(cache: WordCache, text: string) {
  return cache.hashtag(text, 1, text.length, hashRange(text, 1, text.length));
}

describe('WordCache hashtags', () => {
  it('starts its hashtag store over when full, and still splits every hashtag right afterwards', () => {
    const cache = new WordCache(createLexicon(['barn kidnappning sverige stoppa lvu']), 3);
    const bodies = ['#stoppalvu', '#barnkidnappning', '#sverige', '#lvu', '#stoppalvu', '#barnkidnappning'];
    // The fourth hashtag fills the store past 3: it starts over, and the earlier ones are split again, not read
    // from a stale index into the new store.
    const splits = bodies.map((body) => tag(cache, body).split.parts.map((part) => part.norm));
    expect(splits).toEqual([['stoppa', 'lvu'], ['barn', 'kidnappning'], ['sverige'], ['lvu'], ['stoppa', 'lvu'], ['barn', 'kidnappning']]);
  });

  it('returns the same facts for a hashtag seen again before the store is full', () => {
    const cache = new WordCache(createLexicon(['barn']), 100);
    expect(tag(cache, '#barn')).toBe(tag(cache, 'x#barn'.slice(1)));
  });
});
