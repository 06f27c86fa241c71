import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/language/tokenize.js';
import { hashtagChunks } from '../../src/language/index.js';

/** [kind, raw, start, end] of each token. */
function scan(text: string): Array<[string, string, number, number]> {
  return tokenize(text, 20_000).tokens.map((t) => [t.kind, t.raw, t.start, t.end]);
}

// The scanner reads plain ASCII words in a short loop of its own and hands everything else to the general word
// scanner: these cases sit on the border between the two, and each must come out as one reading of the text.
describe('tokenize', () => {
  it.each<[string, Array<[string, string, number, number]>]>([
    ["don't stop", [['word', "don't", 0, 5], ['word', 'stop', 6, 10]]],
    ['kid\u200dnap', [['word', 'kid\u200dnap', 0, 7]]],
    ['\u200bkid', [['word', 'kid', 1, 4]]],
    ['cafe\u0301 ok', [['word', 'cafe\u0301', 0, 5], ['word', 'ok', 6, 8]]],
    ['20,000 och 20\u202f000', [['word', '20,000', 0, 6], ['word', 'och', 7, 10], ['word', '20\u202f000', 11, 17]]],
    ['abcΩdef', [['word', 'abcΩdef', 0, 7]]],
    ['LVUالأطفال', [['word', 'LVUالأطفال', 0, 10]]],
    ['𝐀bc d', [['word', '𝐀bc', 0, 4], ['word', 'd', 5, 6]]],
    ["o' x.y", [['word', 'o', 0, 1], ['word', 'x', 3, 4], ['word', 'y', 5, 6]]],
  ])('reads %j as one word per run of letters, joiners between letters or digits kept', (text, tokens) => {
    expect(scan(text)).toEqual(tokens);
  });

  it('keeps _ inside hashtags only', () => {
    expect(scan('#barn_rov word_two')).toEqual([['hashtag', 'barn_rov', 0, 9], ['word', 'word', 10, 14], ['word', 'two', 15, 18]]);
  });

  it('tells URLs from words that start with h or w', () => {
    expect(scan('hej www.svt.se/a http://x.se/b, what')).toEqual([
      ['word', 'hej', 0, 3],
      ['url', 'www.svt.se/a', 4, 16],
      ['url', 'http://x.se/b', 17, 30],
      ['word', 'what', 32, 36],
    ]);
  });

  it('ends a word at an emoji with no space between', () => {
    expect(scan('bra👍bra')).toEqual([['word', 'bra', 0, 3], ['emoji', '👍', 3, 5], ['word', 'bra', 5, 8]]);
  });

  it('joins spaced-out single letters, ASCII or not', () => {
    expect(scan('b r ä n n a')).toEqual([['word', 'bränna', 0, 11]]);
  });

  it('says the scan is incomplete when the token cap is reached before the end of the text', () => {
    expect(tokenize('a ', 1).complete).toBe(false);
    expect(tokenize('a', 1).complete).toBe(true);
    expect(tokenize('a b c', 2).tokens.map((t) => t.raw)).toEqual(['a', 'b']);
  });
});

describe('hashtagChunks', () => {
  it.each([
    ['StopLVUNow', ['Stop', 'LVU', 'Now']],
    ['jane_doe', ['jane', 'doe']],
    ['_SJPeace_', ['SJ', 'Peace']],
    ['__a__b__', ['a', 'b']],
    ['covid19', ['covid', '19']],
    ['slutakidnappavårabarn', ['slutakidnappavårabarn']],
  ])('splits %s by its spelling alone', (body, chunks) => {
    expect(hashtagChunks(body)).toEqual(chunks);
  });
});
