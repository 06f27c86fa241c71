import { describe, expect, it } from 'vitest';
import { collectOccurrences, compileQuery, evaluateNode, mayMatch, testNode, TermTable, type Occurrences } from '../../src/catalogue/index.js';
import { analyzeText } from '../../src/language/index.js';

/** The occurrences with every term set reported as occurring: the evaluators walk every node, as before term sets. */
function withoutTermSets(occurrences: Occurrences): Occurrences {
  return { has: (id) => occurrences.has(id), get: (id) => occurrences.get(id), hasAnyOf: () => true };
}

const QUERIES = [
  'kidnapp* AND barn',
  '"våra barn" OR soc',
  'stjäl NEAR/3 barn NOT film',
  'NOT (film OR serie)',
  '(soc OR socialen) ONEAR/2 (tar OR stjäl)',
  'lang:sv AND barn',
  '(barn OR NOT film) AND (soc OR "tar barnen")',
  '("vi vet" OR "vet var" OR hot*) NEAR/4 (du OR ni OR "din familj") AND (soc* OR lang:sv)',
  '((stjäl OR tar) NEAR/2 (barn OR ungar)) OR (#lvu AND url:t.me)',
];
const TEXTS = [
  'soc stjäl våra barn',
  'filmen om barn',
  'socialen tar barnen',
  'kidnappade barn i en film',
  'ingenting här',
  'vi vet var du bor, socialsekreterare',
  'Ni tar våra ungar #LVU https://t.me/kanal',
  'barn barn barn',
];

describe('term sets of query nodes', () => {
  it('give the same verdicts and spans as walking every node, on a table shared by many queries', () => {
    const table = new TermTable();
    const compiled = QUERIES.map((query) => compileQuery(query, { table, lang: 'sv' }));
    for (const text of TEXTS) {
      const analyzed = analyzeText(text, { lang: 'sv' });
      const occurrences = collectOccurrences(table, analyzed);
      const walked = withoutTermSets(occurrences);
      for (const [k, { root }] of compiled.entries()) {
        const label = `${QUERIES[k]} on ${text}`;
        expect(mayMatch(root, occurrences), label).toBe(mayMatch(root, walked));
        expect(testNode(root, analyzed, occurrences), label).toBe(testNode(root, analyzed, walked));
        expect(evaluateNode(root, analyzed, occurrences), label).toEqual(evaluateNode(root, analyzed, walked));
      }
    }
  });

  it('rule out an OR of phrases none of whose words occur without looking at its phrases', () => {
    const table = new TermTable();
    const { root } = compileQuery('("vi vet" OR "din familj" OR "ni kommer ångra") AND soc', { table, lang: 'sv' });
    const occurrences = collectOccurrences(table, analyzeText('soc informerar om öppet hus', { lang: 'sv' }));
    const termReads: number[] = [];
    const counted: Occurrences = { has: (id) => (termReads.push(id), occurrences.has(id)), get: (id) => occurrences.get(id), hasAnyOf: (set) => occurrences.hasAnyOf(set) };
    expect(mayMatch(root, counted)).toBe(false);
    // The AND's set holds 'soc', which occurs; the OR's set (one word of each phrase) does not: no term is looked up.
    expect(termReads).toEqual([]);
  });
});
