import {
  catalogueFingerprint,
  evaluateNode,
  mayMatch,
  NO_VALUE,
  OccurrenceIndex,
  testNode,
  toQueryHits,
  WordFactsCache,
  type Catalogue,
  type Occurrences,
  type TermHit,
  type WordValues,
} from '../catalogue/index.js';
import { createAnalyzer, isFunctionWord, type AnalyzeLimits, type Analyzer, type AnalyzedText, type PreparedText, type Token } from '../language/index.js';
import { ExemplarIndex } from './exemplar-index.js';
import { RuleIndex, type IndexedRule } from './rule-index.js';
import { EXEMPLAR_MIN_SIMILARITY, narrativeScore } from './score.js';
import { LOADED_CLAIM_WEIGHT } from './stance-cues.js';
import { decideStance } from './stance.js';
import type { ClassifyInput, ClassifyResult, MatchedTerm, NarrativeResult } from './types.js';

export interface ClassifierOptions {
  /** Version id stored with every result; defaults to the catalogue's fingerprint. */
  version?: string;
  limits?: Partial<AnalyzeLimits>;
  /**
   * The analyzer to read posts with, shared with other detectors (its lexicon must hold {@link catalogueWords});
   * by default one of the classifier's own.
   */
  analyzer?: Analyzer;
}

export interface Classifier {
  readonly version: string;
  readonly catalogue: Catalogue;
  /** The analyzer whose lexicon knows the catalogue's words. */
  readonly analyzer: Analyzer;
  classify(input: ClassifyInput): ClassifyResult;
  /** Classifies a text already analysed (by any analyzer), always from its full analysis. */
  classifyAnalyzed(id: string | number, analyzed: AnalyzedText): ClassifyResult;
  /**
   * Classifies the text `analyzer` prepared last, deciding from its words when it can, and calling `analysis` (the
   * whole analysis of that text, built once however many detectors ask) only when a narrative may be carried.
   */
  classifyPrepared(id: string | number, prepared: PreparedText, analysis: () => AnalyzedText): ClassifyResult;
}

interface RuleHits {
  rule: number;
  hits: readonly TermHit[];
}

/** Hits kept per narrative in a result, in text order. */
const MAX_MATCHED = 50;

/**
 * Compiles a catalogue once (rules, stance cues, exemplar vectors, lexicon) into a classifier whose per-post work is
 * one tokenising pass, one memoised look-up per token, and a map look-up per leaf of the few rules whose rarest
 * terms occur; hits, stance and explanations are only worked out for the narratives a post carries. Per-post
 * scratch space is reused, so a classifier serves one post at a time (create one per worker).
 */
export function createClassifier(catalogue: Catalogue, options: ClassifierOptions = {}): Classifier {
  const version = options.version ?? catalogueFingerprint(catalogue);
  const analyzer = options.analyzer ?? createAnalyzer({ extraWords: catalogueWords(catalogue), limits: options.limits });
  const index = new RuleIndex(catalogue);
  const exemplars = new ExemplarIndex(catalogue, analyzer);
  // Beside each word's term ids, its exemplar stem id; function words, single letters, numbers and mentions are not counted.
  const words = new WordFactsCache(index.table, analyzer, (token) =>
    token.kind !== 'word' || token.norm.length < 2 || isFunctionWord(token.norm) ? NO_VALUE : exemplars.stemId(token.stem),
  );
  const narrativeCount = catalogue.narratives.length;
  const scratch = {
    occurrences: new OccurrenceIndex(),
    seen: new Int32Array(index.rules.length),
    stamp: 0,
    candidates: [] as number[],
    stanceCandidates: [] as number[],
    /** The exemplar stem ids of the post's counted words. */
    stems: { values: new Int32Array(64), count: 0 } as WordValues,
    missing: new Float64Array(narrativeCount),
    veto: new Float64Array(narrativeCount),
    rules: Array.from({ length: narrativeCount }, () => [] as number[]),
    similarity: new Float64Array(narrativeCount),
    exemplarDoc: new Int32Array(narrativeCount),
  };

  /**
   * Whether a post whose words were collected into `scratch` may carry a narrative: false when no positive rule can
   * match, judged by which terms occur, and no exemplar is close, which is the verdict {@link judge} would reach.
   */
  function mayCarryNarrative(): boolean {
    const s = scratch;
    const occurrences = s.occurrences;
    if (index.always.length > 0) return true;
    // Every positive rule triggered by a present term; a rule tested twice costs less than tracking which were.
    for (let p = 0; p < occurrences.presentCount; p++) {
      const termId = occurrences.presentAt(p);
      const rules = index.positiveByTerm[termId];
      if (rules === undefined) continue;
      for (const r of rules) if (mayMatch((index.rules[r] as IndexedRule).compiled.root, occurrences)) return true;
    }
    return s.stems.count > 0 && exemplars.bestSimilarity(s.stems.values, s.stems.count) >= EXEMPLAR_MIN_SIMILARITY;
  }

  function classifyAnalyzed(id: string | number, analyzed: AnalyzedText): ClassifyResult {
    words.collectAnalyzed(analyzed, scratch.occurrences, scratch.stems);
    return judge(id, analyzed);
  }

  function classifyPrepared(id: string | number, prepared: PreparedText, analysis: () => AnalyzedText): ClassifyResult {
    words.collect(prepared, scratch.occurrences, scratch.stems);
    if (!mayCarryNarrative()) return { id, lang: prepared.lang, catalogueVersion: version, truncated: prepared.truncated, narratives: [] };
    return judge(id, analysis());
  }

  /** The result for a post whose words were collected into `scratch`. */
  function judge(id: string | number, analyzed: AnalyzedText): ClassifyResult {
    const s = scratch;
    const stemCount = s.stems.count;
    const occurrences = s.occurrences;
    s.stamp++;
    gatherRules(index.byTerm, index.always, occurrences, s.candidates);

    const tested = s.candidates.length > 0;
    const positive = tested && testRules(analyzed, occurrences);
    const similarity = stemCount === 0 ? 0 : exemplars.scoreStems(s.stems.values, stemCount, s.similarity, s.exemplarDoc);
    // Most posts carry no narrative: without a matching positive rule or a close exemplar every score is 0.
    if (!positive && similarity < EXEMPLAR_MIN_SIMILARITY) return noNarratives(id, analyzed);
    if (stemCount === 0) {
      s.similarity.fill(0);
      s.exemplarDoc.fill(-1);
    }
    if (!tested) resetRuleEvidence();

    const accepted: Array<{ n: number; score: number }> = [];
    for (let n = 0; n < narrativeCount; n++) {
      const narrative = catalogue.narratives[n] as Catalogue['narratives'][number];
      if (!narrative.enabled) continue;
      const score = narrativeScore(s.missing[n] as number, s.similarity[n] as number, s.veto[n] as number);
      if (score >= narrative.threshold) accepted.push({ n, score });
    }
    if (accepted.length === 0) return noNarratives(id, analyzed);
    return { id, lang: analyzed.lang, catalogueVersion: version, truncated: analyzed.truncated, narratives: explain(accepted, analyzed, occurrences) };
  }

  /** Rules (of `byTerm` and `always`) whose trigger terms occur, each once, in order of first trigger, into `into`. */
  function gatherRules(byTerm: readonly number[][], always: readonly number[], occurrences: OccurrenceIndex, into: number[]): void {
    const s = scratch;
    clear(into);
    for (let p = 0; p < occurrences.presentCount; p++) {
      const termId = occurrences.presentAt(p);
      const rules = byTerm[termId];
      if (rules === undefined) continue;
      for (const r of rules) {
        if (s.seen[r] === s.stamp) continue;
        s.seen[r] = s.stamp;
        into.push(r);
      }
    }
    for (const r of always) if (s.seen[r] !== s.stamp) into.push(r);
  }

  /** Tests the candidate narrative rules into `missing`, `veto` and `rules`; true when a positive rule matched. */
  function testRules(analyzed: AnalyzedText, occurrences: Occurrences): boolean {
    const s = scratch;
    resetRuleEvidence();
    let positive = false;
    for (const r of s.candidates) {
      const rule = index.rules[r] as IndexedRule;
      if (rule.role.kind === 'stance' || !testNode(rule.compiled.root, analyzed, occurrences)) continue;
      const n = rule.role.narrative;
      if (rule.role.kind === 'negative') s.veto[n] = (s.veto[n] as number) * (1 - rule.weight);
      else {
        s.missing[n] = (s.missing[n] as number) * (1 - rule.weight);
        (s.rules[n] as number[]).push(r);
        positive = true;
      }
    }
    return positive;
  }

  function resetRuleEvidence(): void {
    scratch.missing.fill(1);
    scratch.veto.fill(1);
    for (const list of scratch.rules) clear(list);
  }

  function noNarratives(id: string | number, analyzed: AnalyzedText): ClassifyResult {
    return { id, lang: analyzed.lang, catalogueVersion: version, truncated: analyzed.truncated, narratives: [] };
  }

  /** Hits, stance and exemplar of the narratives a post carries (the costly part, for matches only). */
  function explain(accepted: ReadonlyArray<{ n: number; score: number }>, analyzed: AnalyzedText, occurrences: OccurrenceIndex): NarrativeResult[] {
    const s = scratch;
    gatherRules(index.stanceByTerm, index.stanceAlways, occurrences, s.stanceCandidates);
    const hitsOf = (rules: readonly number[]): RuleHits[] => rules.map((rule) => ({ rule, hits: ruleHits(index, rule, analyzed, occurrences) }));
    const narrativeHits = accepted.map(({ n }) => hitsOf(s.rules[n] as number[]));
    const stanceRules = hitsOf(s.stanceCandidates.filter((r) => testNode((index.rules[r] as IndexedRule).compiled.root, analyzed, occurrences)));
    // One stance per post: a denial next to any claim term ("kidnappar inte") colours every narrative the post carries.
    const claimHits: TermHit[] = [];
    for (const list of narrativeHits) for (const { hits } of list) for (const hit of hits) claimHits.push(hit);
    const loadedClaim = narrativeHits.some((list) => list.some(({ rule }) => (index.rules[rule] as IndexedRule).weight >= LOADED_CLAIM_WEIGHT));
    const { stance, evidence } = decideStance({ analyzed, occurrences, index, stanceRules, loadedClaim }, claimHits);
    const narratives = accepted.map(({ n, score }, k): NarrativeResult => {
      const doc = s.exemplarDoc[n] as number;
      const similarity = Math.round((s.similarity[n] as number) * 1000) / 1000;
      return {
        slug: (catalogue.narratives[n] as Catalogue['narratives'][number]).slug,
        score,
        stance,
        matched: matchedTerms(narrativeHits[k] as RuleHits[], index, analyzed),
        ...(doc < 0 ? {} : { exemplar: { id: exemplars.exemplarId(doc), similarity } }),
        stanceEvidence: evidence,
      };
    });
    return narratives.sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : 1));
  }

  return {
    version,
    catalogue,
    analyzer,
    classify(input) {
      // The input carries the meta fields itself (lang, source, author, url): no copy per post.
      return classifyPrepared(input.id, analyzer.prepare(input.text, input), analyzer.finish);
    },
    classifyAnalyzed,
    classifyPrepared,
  };
}

/** Empties a reused list; setting `length` on an empty array still costs a runtime call. */
function clear(list: number[]): void {
  if (list.length > 0) list.length = 0;
}

function ruleHits(index: RuleIndex, rule: number, analyzed: AnalyzedText, occurrences: Occurrences): TermHit[] {
  const hits: TermHit[] = [];
  for (const span of evaluateNode((index.rules[rule] as IndexedRule).compiled.root, analyzed, occurrences).spans) {
    for (const hit of span.hits) hits.push(hit);
  }
  return hits;
}

function matchedTerms(ruleHits: readonly RuleHits[], index: RuleIndex, analyzed: AnalyzedText): MatchedTerm[] {
  const out: MatchedTerm[] = [];
  for (const { rule, hits } of ruleHits) {
    const { id, lang } = index.rules[rule] as IndexedRule;
    for (const hit of toQueryHits(hits, analyzed)) out.push({ rule: id, lang, term: hit.term, start: hit.start, end: hit.end, text: hit.text });
  }
  out.sort((a, b) => a.start - b.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return out.slice(0, MAX_MATCHED);
}

const QUERY_SYNTAX = /[*"()]|\b(?:AND|OR|NOT|O?NEAR\/\d+)\b|\b[a-z]+:/gu;

/** Every query and exemplar text, so hashtags and compounds split into the catalogue's own words. */
export function catalogueWords(catalogue: Catalogue): string[] {
  const texts: string[] = [];
  for (const n of catalogue.narratives) {
    for (const set of Object.values(n.rules)) {
      for (const rule of [...(set?.positive ?? []), ...(set?.negative ?? [])]) texts.push(rule.query.replace(QUERY_SYNTAX, ' '));
    }
    for (const list of Object.values(n.exemplars)) texts.push(...list);
  }
  return texts;
}
