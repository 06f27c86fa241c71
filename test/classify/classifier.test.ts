import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir, parseNarrativeYaml, type Catalogue } from '../../src/catalogue/index.js';
import { createClassifier, type Classifier } from '../../src/classify/index.js';
import { analyzeText } from '../../src/language/index.js';

let seed: Catalogue;
let classifier: Classifier;
beforeAll(async () => {
  seed = await loadCatalogueDir('config/narratives');
  classifier = createClassifier(seed);
});

function verdict(text: string, lang?: string): string[] {
  return classifier
    .classify({ id: 1, text, ...(lang === undefined ? {} : { lang }) })
    .narratives.map((n) => `${n.slug}:${n.stance}`)
    .sort();
}

describe('createClassifier', () => {
  it.each([
    ['a Swedish spreading post', 'Soc rövar bort våra barn, sprid detta!', ['child-kidnapping:spreading']],
    ['a Swedish denial with the same words', 'Socialtjänsten kidnappar inte barn, det är en myt.', ['child-kidnapping:countering']],
    ['neutral Swedish news', 'Hundratals demonstrerade mot LVU i Stockholm, uppger polisen.', ['child-kidnapping:reporting']],
    ['an English fact-check', 'Fact check: Sweden does not kidnap Muslim children, the claim is false.', ['child-kidnapping:countering', 'targeting-muslims:countering']],
    ['Arabic without diacritics', 'السوسيال يخطف اطفال المسلمين', ['child-kidnapping:spreading', 'targeting-muslims:spreading']],
    ['an Arabic denial', 'هذه شائعات، السوسيال لا يخطف الأطفال', ['child-kidnapping:countering']],
    ['praise of social services', 'Tack socialtjänsten för att ni hjälpte oss när vi behövde det.', []],
    ['ordinary municipal news', 'Kommunen söker familjehem, välkommen på informationsträff om arvode och ersättning.', []],
    ['a threat that mentions taking children but no claim', 'Den som tar mina barn ska få ångra sig.', []],
  ])('classifies %s', (_what, text, expected) => {
    expect(verdict(text)).toEqual(expected);
  });

  it('explains every narrative: rule, language, term and where it matched in the original text', () => {
    const text = 'Nej, soc KIDNAPPAR barn hela tiden #LVU';
    const result = classifier.classify({ id: 'p1', text, lang: 'sv' });
    expect(result).toMatchObject({ id: 'p1', lang: 'sv', catalogueVersion: classifier.version, truncated: false });
    const [narrative] = result.narratives;
    expect(narrative?.slug).toBe('child-kidnapping');
    expect(narrative?.matched).toContainEqual({ rule: 'kidnap-words', lang: 'sv', term: '*kidnapp*', start: 9, end: 18, text: 'KIDNAPPAR' });
    for (const m of narrative?.matched ?? []) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(narrative?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('names the exemplar a paraphrase resembles', () => {
    const result = classifier.classify({ id: 2, text: 'Socialen rövar bort våra ungar mitt på dagen och ingen gör något', lang: 'sv' });
    expect(result.narratives[0]?.exemplar).toEqual({ id: 'sv-1', similarity: expect.any(Number) });
    expect(result.narratives[0]?.exemplar?.similarity).toBeGreaterThan(0.5);
  });

  it('carries the catalogue fingerprint, or the version it was given', () => {
    expect(classifier.version).toMatch(/^[0-9a-f]{16}$/u);
    expect(createClassifier(seed, { version: 'v42' }).classify({ id: 1, text: 'x' }).catalogueVersion).toBe('v42');
  });

  it('leaves out disabled narratives and lets a negative rule veto one', () => {
    const yaml = (extra: string) => `slug: demo
title: { sv: Demo, en: Demo }
description: Test narrative.
severity: low
${extra}
counterFacts: { sv: Fakta., en: Facts., ar: حقائق. }
rules:
  sv:
    positive: [{ id: word, query: 'kidnapp*' }]
    negative: [{ id: fiction, query: 'film*' }]
exemplars: {}
`;
    const enabled = createClassifier({ narratives: [parseNarrativeYaml(yaml('enabled: true'), 'demo.yaml')] });
    const disabled = createClassifier({ narratives: [parseNarrativeYaml(yaml('enabled: false'), 'demo.yaml')] });
    expect(enabled.classify({ id: 1, text: 'de kidnappar barn', lang: 'sv' }).narratives.map((n) => n.slug)).toEqual(['demo']);
    expect(enabled.classify({ id: 1, text: 'filmen om hur de kidnappar barn', lang: 'sv' }).narratives).toEqual([]);
    expect(disabled.classify({ id: 1, text: 'de kidnappar barn', lang: 'sv' }).narratives).toEqual([]);
  });

  it('classifies a text analysed elsewhere exactly as one it analysed itself', () => {
    const texts = [
      'Socialtjänsten kidnappar inte barn, det är en myt. #slutakidnappavårabarn',
      'Över 20 000 barn rycks från sina föräldrar varje år av soc, sprid!',
      'هذه شائعات، السوسيال لا يخطف الأطفال',
      'Kommunen söker familjehem, välkommen på informationsträff.',
    ];
    for (const text of texts) {
      const own = classifier.classify({ id: 1, text });
      const elsewhere = createClassifier(seed).analyzer.analyze(text);
      expect(classifier.classifyAnalyzed(1, elsewhere)).toEqual(own);
      expect(classifier.classifyAnalyzed(1, analyzeText(text, { lang: own.lang }))).toEqual(own);
    }
  });

  it('gives the same result for a post seen again after many others', () => {
    const text = 'Soc rövar bort våra barn, sprid detta!';
    const first = classifier.classify({ id: 1, text });
    for (let i = 0; i < 300; i++) classifier.classify({ id: i, text: `ord${i} barn${i} kidnapp${i} #tagg${i}` });
    expect(classifier.classify({ id: 1, text })).toEqual(first);
  });

  it('detects the language when the input does not give it', () => {
    expect(classifier.classify({ id: 1, text: 'السوسيال يخطف الأطفال' }).lang).toBe('ar');
    expect(classifier.classify({ id: 1, text: 'They are stealing our kids' }).lang).toBe('en');
  });
});
