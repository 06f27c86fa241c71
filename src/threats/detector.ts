import { evaluateNode, mayMatch, OccurrenceIndex, testNode, WordFactsCache, type TermHit } from '../catalogue/index.js';
import { createAnalyzer, type AnalyzeLimits, type Analyzer, type AnalyzedText, type PreparedText } from '../language/index.js';
import { CATEGORY_OF, decideLevel, SHOWN_FOR } from './decide.js';
import { threatRulesFingerprint } from './load.js';
import { findPatterns } from './patterns.js';
import { findQuotedSpans, isInside, type Span } from './quotes.js';
import { lexiconWords, ThreatRuleIndex, type IndexedThreatRule } from './rule-index.js';
import type { ThreatNegative, ThreatRules } from './schema.js';
import { finishSignals, signalAt, signalsFromHits, type RawSignal } from './signals.js';
import type { ThreatAssessment, ThreatCategory, ThreatInput } from './types.js';
import type { WatchlistMatcher } from './watchlist.js';

export interface ThreatDetectorOptions {
  /** Version stored with every assessment; defaults to the rules' fingerprint. */
  version?: string;
  limits?: Partial<AnalyzeLimits>;
  /**
   * The analyzer to read posts with, shared with other detectors (its lexicon must hold {@link lexiconWords}); by
   * default one of the detector's own.
   */
  analyzer?: Analyzer;
}

export interface ThreatDetector {
  readonly version: string;
  /** The analyzer whose lexicon knows the rules' words (hashtags such as #brännsoc split into them). */
  readonly analyzer: Analyzer;
  readonly watchlistSize: number;
  assess(input: ThreatInput): ThreatAssessment;
  /** Assesses a text already analysed (by any analyzer), always from its full analysis. */
  assessAnalyzed(analyzed: AnalyzedText): ThreatAssessment;
  /**
   * Assesses the text `analyzer` prepared last, deciding from its words when it can (most posts: level none), and
   * calling `analysis` (the whole analysis of that text, built once however many detectors ask) only when a level
   * is possible.
   */
  assessPrepared(prepared: PreparedText, analysis: () => AnalyzedText): ThreatAssessment;
}

interface MatchedNegative {
  negative: ThreatNegative;
  hits: readonly TermHit[];
}

const NONE: ThreatAssessment = Object.freeze({ level: 'none', categories: [], signals: [], rules: [] }) as ThreatAssessment;

/**
 * Compiles threat rules (and optionally a staff watchlist) into a detector. Per post: one pass resolving tokens to
 * rule terms, the rules whose terms occur, phone/address/clock patterns, watchlist look-ups; then negatives cancel
 * what news, condemnation, reported speech or negation explain, and the level follows from what is left.
 */
export function createThreatDetector(rules: ThreatRules, watchlist?: WatchlistMatcher, options: ThreatDetectorOptions = {}): ThreatDetector {
  const index = new ThreatRuleIndex(rules);
  const analyzer = options.analyzer ?? createAnalyzer({ extraWords: lexiconWords(rules), limits: options.limits });
  const words = new WordFactsCache(index.table, analyzer);
  // Per-post scratch space, reused: a detector serves one post at a time (create one per worker).
  const occurrences = new OccurrenceIndex();
  const seen = new Int32Array(index.rules.length);
  let stamp = 0;

  /**
   * Whether the post whose words are in `occurrences` can get a level: some rule of a level kind (LEVEL_KINDS) may
   * match, or a watchlisted name may stand beside a phone number or street address. False is what
   * {@link assessAnalyzed} would conclude, without the analysis.
   */
  function mayHaveLevel(prepared: PreparedText): boolean {
    if (index.levelAlways.length > 0) return true;
    stamp++;
    for (let p = 0; p < occurrences.presentCount; p++) {
      const rules = index.levelByTerm[occurrences.presentAt(p)];
      if (rules === undefined) continue;
      for (const r of rules) {
        // A rule triggered by several of the post's terms is screened once.
        if (seen[r] === stamp) continue;
        seen[r] = stamp;
        if (mayMatch((index.rules[r] as IndexedThreatRule).compiled.root, occurrences)) return true;
      }
    }
    if (watchlist === undefined || watchlist.size === 0) return false;
    return findPatterns(prepared.text.slice(0, prepared.analyzedChars)).some((p) => p.kind === 'phone' || p.kind === 'address');
  }

  function assessPrepared(prepared: PreparedText, analysis: () => AnalyzedText): ThreatAssessment {
    words.collect(prepared, occurrences);
    // The analysis has the prepared text's tokens, in order: the occurrences already collected hold for it.
    return mayHaveLevel(prepared) ? assessCollected(analysis()) : NONE;
  }

  function assessAnalyzed(analyzed: AnalyzedText): ThreatAssessment {
    words.collectAnalyzed(analyzed, occurrences);
    return assessCollected(analyzed);
  }

  /** The assessment of a post whose terms were collected into `occurrences`. */
  function assessCollected(analyzed: AnalyzedText): ThreatAssessment {
    stamp++;
    const candidates: number[] = [...index.always];
    for (let p = 0; p < occurrences.presentCount; p++) {
      const termId = occurrences.presentAt(p);
      for (const r of index.byTerm[termId] ?? []) {
        if (seen[r] !== stamp) {
          seen[r] = stamp;
          candidates.push(r);
        }
      }
    }
    let signals: RawSignal[] = [];
    const negatives: MatchedNegative[] = [];
    for (const r of candidates) {
      const rule = index.rules[r] as IndexedThreatRule;
      if (!testNode(rule.compiled.root, analyzed, occurrences)) continue;
      const outcome = evaluateNode(rule.compiled.root, analyzed, occurrences);
      if (!outcome.match) continue;
      const hits = outcome.spans.flatMap((span) => span.hits);
      if (rule.role.kind === 'negative') negatives.push({ negative: rule.role.negative, hits });
      else signals.push(...signalsFromHits(rule.role.signal, rule.name, hits, analyzed, r, index.supportTerms));
    }
    const scanned = analyzed.text.slice(0, analyzed.analyzedChars);
    let group = index.rules.length;
    for (const p of findPatterns(scanned)) signals.push(signalAt(p.kind, `pattern/${p.name}`, p.start, p.end, analyzed, group++));
    for (const hit of watchlist?.match(analyzed) ?? []) {
      signals.push(signalAt('watchlist', `watchlist-${hit.kind}/${hit.entryId}`, hit.start, hit.end, analyzed, group++));
    }
    if (signals.length === 0) return NONE;
    signals = applyNegatives(signals, negatives, analyzed);

    const kinds = new Set(signals.map((s) => s.kind));
    const decision = decideLevel({
      kinds,
      watchlistName: signals.some((s) => s.rule.startsWith('watchlist-name/')),
      watchlistAddress: signals.some((s) => s.rule.startsWith('watchlist-address/')),
    });
    if (decision.level === 'none') return NONE;
    const shown = signals.filter((s) => decision.categories.some((c) => SHOWN_FOR[c].has(s.kind)));
    const rules = [...new Set(shown.map((s) => s.rule))].sort();
    return { level: decision.level, categories: decision.categories, signals: finishSignals(shown, analyzed.text), rules };
  }

  return {
    version: options.version ?? threatRulesFingerprint(rules),
    analyzer,
    watchlistSize: watchlist?.size ?? 0,
    assess: (input) => assessPrepared(analyzer.prepare(input.text, { lang: input.lang, source: input.source, author: input.author, url: input.url }), analyzer.finish),
    assessAnalyzed,
    assessPrepared,
  };
}

/**
 * Removes the signals each matched negative explains away. A `before` negative cancels a whole rule match, and never
 * one whose words contain it: "ni kommer inte att överleva" is a threat that holds its own negation.
 */
function applyNegatives(signals: RawSignal[], negatives: readonly MatchedNegative[], analyzed: AnalyzedText): RawSignal[] {
  if (negatives.length === 0) return signals;
  let quoted: Span[] | undefined;
  let out = signals;
  for (const { negative, hits } of negatives) {
    const cancels = new Set<ThreatCategory | 'modifier'>(negative.cancels);
    const cancellable = (s: RawSignal): boolean => cancels.has(CATEGORY_OF[s.kind]);
    const hitTokens = hits.map((h) => analyzed.tokens[h.token] as AnalyzedText['tokens'][number]);
    if (negative.scope === 'post') {
      out = out.filter((s) => !cancellable(s));
    } else if (negative.scope === 'quoted') {
      quoted ??= findQuotedSpans(analyzed.text);
      const spans = quoted;
      if (hitTokens.some((t) => !isInside(spans, t.start, t.end))) out = out.filter((s) => !(cancellable(s) && isInside(spans, s.start, s.end)));
    } else {
      // Only the words carrying the threat can be negated: "om ni inte släpper min son …" negates the context, not the threat.
      const groups = negatedGroups(out.filter((s) => cancellable(s) && !s.support), hitTokens, negative.window);
      out = out.filter((s) => !groups.has(s.group));
    }
  }
  return out;
}

/** Groups with a negation at most `window` words before one of their spans, and none containing the negation. */
function negatedGroups(signals: readonly RawSignal[], negations: ReadonlyArray<{ start: number; end: number; position: number }>, window: number): Set<number> {
  const containing = new Set<number>();
  const preceded = new Set<number>();
  for (const s of signals) {
    for (const t of negations) {
      if (t.start >= s.start && t.end <= s.end) containing.add(s.group);
      else if (t.position < s.fromPosition && s.fromPosition - t.position <= window) preceded.add(s.group);
    }
  }
  for (const group of containing) preceded.delete(group);
  return preceded;
}
