import {
  catalogueFingerprint,
  evaluateNode,
  mayMatch,
  OccurrenceIndex,
  testNode,
  toQueryHits,
  type Catalogue,
  type Occurrences,
  type TermHit,
} from '../catalogue/index.js';
import {
  createAnalyzer,
  emptyToken,
  TokenCode,
  type AnalyzeLimits,
  type Analyzer,
  type AnalyzedText,
  type PreparedText,
  type Token,
} from '../language/index.js';
import { ExemplarIndex } from './exemplar-index.js';
import { RuleIndex, type IndexedRule } from './rule-index.js';
import { EXEMPLAR_MIN_SIMILARITY, narrativeScore } from './score.js';
import { LOADED_CLAIM_WEIGHT } from './stance-cues.js';
import { decideStance } from './stance.js';
import type { ClassifyInput, ClassifyResult, MatchedTerm, NarrativeResult } from './types.js';
import { NOT_COUNTED, WordFactsCache, WordRole, wordRole } from './word-facts.js';

export interface ClassifierOptions {
  /** Version id stored with every result; defaults to the catalogue's fingerprint. */
  version?: string;
  limits?: Partial<AnalyzeLimits>;
}

export interface Classifier {
  readonly version: string;
  readonly catalogue: Catalogue;
  /** The analyzer whose lexicon knows the catalogue's words; reuse its output for threat detection. */
  readonly analyzer: Analyzer;
  classify(input: ClassifyInput): ClassifyResult;
  /** Classifies a text already analysed by `analyzer` (analyse once, run several detectors). */
  classifyAnalyzed(id: string | number, analyzed: AnalyzedText): ClassifyResult;
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
  const analyzer = createAnalyzer({ extraWords: catalogueWords(catalogue), limits: options.limits });
  const index = new RuleIndex(catalogue);
  const exemplars = new ExemplarIndex(catalogue, analyzer);
  const words = new WordFactsCache(index.table, exemplars, analyzer);
  const narrativeCount = catalogue.narratives.length;
  const scratch = {
    occurrences: new OccurrenceIndex(),
    seen: new Int32Array(index.rules.length),
    stamp: 0,
    candidates: [] as number[],
    token: emptyToken(),
    stanceCandidates: [] as number[],
    stems: new Int32Array(64),
    missing: new Float64Array(narrativeCount),
    veto: new Float64Array(narrativeCount),
    rules: Array.from({ length: narrativeCount }, () => [] as number[]),
    similarity: new Float64Array(narrativeCount),
    exemplarDoc: new Int32Array(narrativeCount),
  };

  /**
   * One pass over the tokens: their term occurrences and the exemplar stem ids of the counted words (into
   * `scratch.stems`); returns how many stem ids there are.
   */
  function collect(analyzed: AnalyzedText, occurrences: OccurrenceIndex): number {
    occurrences.reset(index.table.size);
    const tokens = analyzed.tokens;
    const wordIds = words.wordIds(analyzed);
    let stems = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.kind === 'word' || token.kind === 'number' || token.kind === 'mention') {
        const wordId = wordIds === undefined ? -1 : (wordIds[i] as number);
        if (wordId < 0) {
          const facts = words.ofToken(token);
          stems = collectWord(facts.ids, facts.stemId, i, occurrences, stems);
          continue;
        }
        const slot = words.slot(wordId, wordRole(token.kind, analyzed.lang));
        if (!words.knows(slot)) words.learn(slot, token);
        stems = collectWord(words.ids(slot), words.stemId(slot), i, occurrences, stems);
      } else {
        collectIds(index.table.resolve(token), i, occurrences);
      }
    }
    return stems;
  }

  /** A word's term occurrences at token i, and its stem id when counted; returns the new stem count. */
  function collectWord(ids: readonly number[], stemId: number, i: number, occurrences: OccurrenceIndex, stems: number): number {
    if (ids.length > 0) collectIds(ids, i, occurrences);
    if (stemId === NOT_COUNTED) return stems;
    const s = scratch;
    if (stems === s.stems.length) s.stems = grown(s.stems);
    s.stems[stems] = stemId;
    return stems + 1;
  }

  function collectIds(ids: readonly number[], i: number, occurrences: OccurrenceIndex): void {
    for (let k = 0; k < ids.length; k++) occurrences.add(ids[k] as number, i);
  }

  /**
   * {@link collect} for a prepared post, from its words before token objects are built (URL and emoji tokens only when
   * some term can match them), into the same token indices the analysis will have.
   */
  function collectPrepared(prepared: PreparedText): number {
    const s = scratch;
    const occurrences = s.occurrences;
    occurrences.reset(index.table.size);
    words.sync();
    const lang = prepared.lang;
    const wordRoleHere = lang === 'sv' ? WordRole.SwedishWord : lang === 'en' ? WordRole.EnglishWord : WordRole.OtherWord;
    let stems = 0;
    for (let t = 0; t < prepared.tokenCount; t++) {
      const code = prepared.kinds[t] as TokenCode;
      if (code <= TokenCode.Mention) {
        const wordId = prepared.wordIds[t] as number;
        const role = code === TokenCode.Word ? wordRoleHere : WordRole.Plain;
        const slot = words.slot(wordId, role);
        if (!words.knows(slot)) words.learn(slot, analyzer.tokenAt(prepared, t, s.token));
        // collectWord written out: this loop runs for every post, and V8 optimises it best on its own.
        const ids = words.ids(slot);
        for (let k = 0; k < ids.length; k++) occurrences.add(ids[k] as number, t);
        const stemId = words.stemId(slot);
        if (stemId !== NOT_COUNTED) {
          if (stems === s.stems.length) s.stems = grown(s.stems);
          s.stems[stems++] = stemId;
        }
      } else if (code === TokenCode.Hashtag || (code === TokenCode.Url ? index.table.hasUrlTerms : index.table.hasEmojiTerms)) {
        collectIds(index.table.resolve(analyzer.tokenAt(prepared, t, s.token)), t, occurrences);
      }
    }
    return stems;
  }

  /**
   * Whether a post whose words were collected (`stems` stem ids) may carry a narrative: false when no positive rule
   * can match, judged by which terms occur, and no exemplar is close, which is the verdict {@link judge} would reach.
   */
  function mayCarryNarrative(stems: number): boolean {
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
    return stems > 0 && exemplars.bestSimilarity(s.stems, stems) >= EXEMPLAR_MIN_SIMILARITY;
  }

  function classifyAnalyzed(id: string | number, analyzed: AnalyzedText): ClassifyResult {
    return judge(id, analyzed, collect(analyzed, scratch.occurrences));
  }

  /** The result for a post whose tokens were collected into `scratch` (`stemCount` stem ids). */
  function judge(id: string | number, analyzed: AnalyzedText, stemCount: number): ClassifyResult {
    const s = scratch;
    const occurrences = s.occurrences;
    s.stamp++;
    gatherRules(index.byTerm, index.always, occurrences, s.candidates);

    const tested = s.candidates.length > 0;
    const positive = tested && testRules(analyzed, occurrences);
    const similarity = stemCount === 0 ? 0 : exemplars.scoreStems(s.stems, stemCount, s.similarity, s.exemplarDoc);
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
      // Most posts carry no narrative: decided from their words, without building the analysis.
      // The input carries the meta fields itself (lang, source, author, url): no copy per post.
      const prepared = analyzer.prepare(input.text, input);
      const stems = collectPrepared(prepared);
      if (!mayCarryNarrative(stems)) return { id: input.id, lang: prepared.lang, catalogueVersion: version, truncated: prepared.truncated, narratives: [] };
      return judge(input.id, analyzer.finish(prepared), stems);
    },
    classifyAnalyzed,
  };
}

/** Empties a reused list; setting `length` on an empty array still costs a runtime call. */
function clear(list: number[]): void {
  if (list.length > 0) list.length = 0;
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const out = new Int32Array(array.length * 2);
  out.set(array);
  return out;
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
function catalogueWords(catalogue: Catalogue): string[] {
  const texts: string[] = [];
  for (const n of catalogue.narratives) {
    for (const set of Object.values(n.rules)) {
      for (const rule of [...(set?.positive ?? []), ...(set?.negative ?? [])]) texts.push(rule.query.replace(QUERY_SYNTAX, ' '));
    }
    for (const list of Object.values(n.exemplars)) texts.push(...list);
  }
  return texts;
}
