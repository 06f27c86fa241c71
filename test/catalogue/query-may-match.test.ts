import { describe, expect, it } from 'vitest';
import { collectOccurrences, compileQuery, mayMatch, testNode } from '../../src/catalogue/index.js';
import { analyzeText } from '../../src/language/index.js';

/** mayMatch and testNode of one query over one text. */
function verdicts(query: string, text: string): { may: boolean; does: boolean } {
  const compiled = compileQuery(query);
  const analyzed = analyzeText(text, { lang: 'sv' });
  const occurrences = collectOccurrences(compiled.table, analyzed);
  return { may: mayMatch(compiled.root, occurrences), does: testNode(compiled.root, analyzed, occurrences) };
}

describe('mayMatch', () => {
  it.each([
    ['a missing word', 'kidnapp*', 'kommunen informerar'],
    ['an AND with one side missing', 'soc AND (stjäl OR rövar)', 'soc informerar om barn'],
    ['a phrase with a word missing', '"våra barn"', 'barn och unga'],
    ['a NEAR with one side missing', 'stjäl NEAR/2 barn', 'barn och unga'],
    ['a NOT of a word that is there', 'NOT barn', 'barn och unga'],
  ])('rules out %s', (_what, query, text) => {
    expect(verdicts(query, text)).toEqual({ may: false, does: false });
  });

  it.each([
    ['a phrase whose words occur out of order', '"våra barn"', 'barn våra'],
    ['a NEAR whose sides are too far apart', 'stjäl NEAR/1 barn', 'stjäl de alla våra barn'],
    ['a field filter it cannot see', 'barn AND source:telegram', 'barn och unga'],
    ['a NOT of a phrase that may be there', 'barn NOT "våra barn"', 'våra barn'],
  ])('keeps %s as possible, for the full test to decide', (_what, query, text) => {
    expect(verdicts(query, text)).toEqual({ may: true, does: false });
  });

  it('is never false when the query matches', () => {
    const queries = ['kidnapp* AND barn', '"våra barn" OR soc', 'stjäl NEAR/3 barn NOT film', 'NOT (film OR serie)', '(soc OR socialen) ONEAR/2 (tar OR stjäl)', 'lang:sv AND barn'];
    const texts = ['soc stjäl våra barn', 'filmen om barn', 'socialen tar barnen', 'kidnappade barn i en film', 'ingenting här', 'barn barn barn'];
    for (const query of queries) {
      for (const text of texts) {
        const { may, does } = verdicts(query, text);
        if (does) expect(may, `${query} on ${text}`).toBe(true);
      }
    }
  });
});
