import { describe, expect, it } from 'vitest';
import {
  createThreatDetector,
  parseThreatRulesYaml,
  threatRulesFingerprint,
  threatRulesToYamlFiles,
  ThreatRulesError,
  validateThreatRules,
} from '../../src/threats/index.js';
import { shippedRules } from './rules.js';

const problemsOf = (text: string, file = 'sv.yaml'): readonly string[] => {
  try {
    parseThreatRulesYaml(text, file);
  } catch (err) {
    if (err instanceof ThreatRulesError) return err.problems;
    throw err;
  }
  return [];
};

describe('threat rule files', () => {
  it('loads the shipped rules for sv, ar, en and any', async () => {
    const rules = await shippedRules();
    expect(rules.files.map((f) => f.lang)).toEqual(['sv', 'ar', 'en', 'any']);
  });

  it('expands {lexicons} into the queries', () => {
    const file = parseThreatRulesYaml('lang: sv\nlexicons:\n  staff: [socialsekreterare, soc]\nrules:\n  - id: insult\n    signal: hostile\n    query: "patetisk* NEAR/3 {staff}"\n', 'sv.yaml');
    const detector = createThreatDetector({ files: [file] });
    expect(detector.assess({ text: 'patetiska soc' }).level).toBe('low');
  });

  it.each([
    ['an unknown field', 'lang: sv\nrulez: []\n', /sv\.yaml:2:1 unknown field 'rulez'; allowed: lang, description, lexicons, rules, negatives/],
    ['an unknown lexicon', 'lang: sv\nrules:\n  - id: a\n    signal: threat\n    query: "{weapons}"\n', /sv\.yaml:5:12 rules\[0\]\.query \(rule 'a'\): unknown lexicon '\{weapons\}'/],
    ['a lexicon cycle', 'lang: sv\nlexicons:\n  a: ["{b}"]\n  b: ["{a}"]\n', /refers to itself through a → b → a/],
    ['a bad query', 'lang: sv\nrules:\n  - id: a\n    signal: threat\n    query: "(döda"\n', /rules\[0\]\.query \(rule 'a'\): .*\(/],
    ['an unknown signal kind', 'lang: sv\nrules:\n  - id: a\n    signal: scary\n    query: döda\n', /rules\[0\]\.signal/],
    ['a duplicate id', 'lang: sv\nrules:\n  - {id: a, signal: threat, query: döda}\n  - {id: a, signal: time, query: ikväll}\n', /duplicate id 'a'/],
    ['a file named for another language', 'lang: en\n', /lang 'en' does not match the file name; expected 'sv'/],
  ])('rejects %s with file:line:col', (_, text, message) => {
    expect(problemsOf(text).join('\n')).toMatch(message);
  });

  it('round-trips through YAML export with the same fingerprint', async () => {
    const rules = await shippedRules();
    const files = threatRulesToYamlFiles(rules).map((f) => parseThreatRulesYaml(f.text, f.fileName));
    expect(threatRulesFingerprint({ files })).toBe(threatRulesFingerprint(rules));
  });

  it('validates rules read back from the database', async () => {
    const rules = await shippedRules();
    expect(validateThreatRules(JSON.parse(JSON.stringify(rules)), 'db')).toEqual(rules);
    expect(() => validateThreatRules({ files: [{ lang: 'xx' }] }, 'db')).toThrow(ThreatRulesError);
  });
});
