import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { createClassifier } from '../../src/classify/index.js';
import { packageRoot } from '../../src/config/index.js';
import { toThreatOutput, type ThreatDetector, type ThreatLevel } from '../../src/threats/index.js';
import { shippedDetector } from './rules.js';

let detector: ThreatDetector;
beforeAll(async () => {
  detector = await shippedDetector();
});

describe('threat levels (../shared/DOMAIN.md)', () => {
  it.each<[ThreatLevel, string, string]>([
    ['none', 'sv', 'Kommunen bjuder in till informationsträff om familjehem på torsdag.'],
    ['none', 'en', 'Swedish social services kidnap Muslim children, share before it is deleted!'],
    ['low', 'sv', 'Socialsekreterare är patetiska idioter allihop.'],
    ['low', 'ar', 'موظفو السوسيال حقيرون وأغبياء'],
    ['medium', 'en', 'Everyone to the social services office in Husby on Tuesday at 10am!'],
    ['medium', 'sv', 'Spamma socialtjänstens växel och mejl tills de svarar.'],
    ['high', 'sv', 'Vi vet var ni bor, ni som jobbar på socialen.'],
    ['high', 'en', 'Here is the home address of the caseworker who took my son.'],
    ['high', 'ar', 'سنقتل كل موظفي السوسيال'],
    ['critical', 'sv', 'Jag ska spränga socialkontoret i Rinkeby imorgon.'],
    ['critical', 'ar', 'سأحرق مكتب السوسيال الليلة'],
  ])('gives %s to a %s post: %s', (level, lang, text) => {
    expect(detector.assess({ text, lang }).level).toBe(level);
  });

  it('names the categories and points every signal at its words in the original text', () => {
    const text = 'Vi vet var ni bor, socialsekreterare. Jag kommer med en kniv till kontoret ikväll.';
    const result = detector.assess({ text });
    expect(result.level).toBe('critical');
    expect(result.categories).toEqual(['threat']);
    for (const s of result.signals) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(result.signals.map((s) => s.kind)).toEqual(expect.arrayContaining(['menace', 'means', 'place', 'time']));
    expect(result.rules).toEqual(expect.arrayContaining(['sv/we-know-where', 'sv/weapon']));
  });

  it('outputs exactly {level, categories, signals:[{kind,text,start,end}]} for classify --jsonl', () => {
    const output = toThreatOutput(detector.assess({ text: 'We know where you live, social workers.' }));
    expect(Object.keys(output)).toEqual(['level', 'categories', 'signals']);
    expect(Object.keys(output.signals[0] ?? {})).toEqual(['kind', 'text', 'start', 'end']);
  });

  it('assesses the classifier’s analysis of a post the same way (classify --jsonl analyses once)', async () => {
    const classifier = createClassifier(await loadCatalogueDir(join(packageRoot(), 'config', 'narratives')));
    const text = 'Socialtjänsten kidnappar barn! Vi ska bränna ner socialkontoret i Malmö ikväll #stoppaLVU';
    expect(detector.assessAnalyzed(classifier.analyzer.analyze(text))).toEqual(detector.assess({ text }));
  });

  // Issue 15: "Vi", "tar" and "barn" were reported as threat signals; only the words carrying the threat are.
  it('reports the words that carry the threat, never the scene words (who speaks, who is spoken of) alone', () => {
    const text = 'Soc tar våra barn. Vi kommer att bränna socialkontoret ikväll.';
    const signals = detector.assess({ text }).signals;
    expect(signals.map((s) => s.text).join(' | ')).not.toMatch(/\b(tar|barn|Vi)\b/);
    expect(signals.some((s) => s.support !== undefined)).toBe(false);
    expect(signals.map((s) => s.text)).toEqual(expect.arrayContaining(['kommer att bränna socialkontoret', 'ikväll']));
    // A rule made only of scene words is itself the signal: the office as a place.
    expect(signals.find((s) => s.kind === 'place')).toMatchObject({ text: 'socialkontoret' });
  });

  it('reports each span once per kind: a span inside a longer one of the same kind is left out', () => {
    const text = 'Vi ska döda er, vi ska döda er alla på soc. Vi ska döda er.';
    const signals = detector.assess({ text }).signals;
    for (const s of signals) {
      const inside = signals.filter((o) => o !== s && o.kind === s.kind && o.start <= s.start && o.end >= s.end);
      expect(inside, `${s.kind}:${s.text}`).toEqual([]);
    }
    expect(new Set(signals.map((s) => `${s.kind}:${s.start}`)).size).toBe(signals.length);
  });

  it('returns no signals for an ordinary post', () => {
    expect(detector.assess({ text: 'Socialtjänsten har öppet på måndag klockan 9.' })).toEqual({ level: 'none', categories: [], signals: [], rules: [] });
  });
});

describe('negatives that cancel', () => {
  it.each([
    ['news about a threat', 'Socialsekreterare hotades med kniv på kontoret i Malmö igår, polisen utreder olaga hot.'],
    ['condemnation', 'We condemn every threat against social workers; violence is unacceptable.'],
    ['a sentence passed', 'Mannen dömdes för att ha hotat att bränna ner socialkontoret.'],
    ['negated harm', 'Vi ska aldrig döda någon, vi vill bara ha tillbaka våra barn från soc.'],
    ['a past demonstration', 'Hundratals demonstrerade mot LVU utanför riksdagen i söndags.'],
    ['an idiom', 'Vi måste skjuta upp mötet med socialtjänsten till måndag.'],
  ])('keeps %s at none', (_, text) => {
    expect(detector.assess({ text }).level).toBe('none');
  });

  it('cancels only the quoted threat when the frame outside the quotes reports it', () => {
    const text = 'Någon skrev "vi ska döda alla på soc" under vårt inlägg.';
    expect(detector.assess({ text }).level).toBe('none');
    expect(detector.assess({ text: 'Vi ska döda alla på soc.' }).level).toBe('high');
  });

  it('keeps a threat that contains its own negation', () => {
    expect(detector.assess({ text: 'Ni kommer inte att överleva, socialsekreterare.' }).level).toBe('high');
  });
});
