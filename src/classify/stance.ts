import type { Occurrences, TermHit } from '../catalogue/index.js';
import { toQueryHits } from '../catalogue/index.js';
import type { AnalyzedText } from '../language/index.js';
import type { RuleIndex } from './rule-index.js';
import { NEGATION_WINDOW_AFTER, NEGATION_WINDOW_BEFORE } from './stance-cues.js';
import type { Stance, StanceEvidence } from './types.js';

export interface StanceContext {
  analyzed: AnalyzedText;
  occurrences: Occurrences;
  index: RuleIndex;
  /** Stance cue rules that matched the post, with their hits. */
  stanceRules: ReadonlyArray<{ rule: number; hits: readonly TermHit[] }>;
  /** A claim rule of weight {@link LOADED_CLAIM_WEIGHT} or more matched: the post states the claim itself. */
  loadedClaim: boolean;
}

/** Evidence a stance needs in total (one strong cue, or two weak ones). */
const STANCE_EVIDENCE = 1;

/**
 * Stance of a post towards one narrative. Countering when debunking/fact-check/municipal cues, or a negation right
 * next to one of the narrative's claim terms ("kidnappar inte", «لا يخطف»), reach 1 and outweigh calls to share and
 * the voice of concern (a parent who won an appeal names the court, as fact-checks do, but tells their own case);
 * concern when the voice of criticism or a personal complaint reaches 1, without calls to share and without a loaded
 * claim term; reporting when the neutral news voice reaches 1 and outweighs calls to share; spreading otherwise.
 * Countering wins over reporting because a news item quoting a fact-check still tells readers the claim is false;
 * concern wins over reporting because news of an inspectorate's criticism is criticism, not the false claim.
 */
export function decideStance(context: StanceContext, claimHits: readonly TermHit[]): { stance: Stance; evidence: StanceEvidence[] } {
  const totals: Record<Stance, number> = { countering: 0, reporting: 0, spreading: 0, concern: 0 };
  const evidence: StanceEvidence[] = [];
  for (const { rule, hits } of context.stanceRules) {
    const cue = context.index.rules[rule] as RuleIndex['rules'][number];
    if (cue.role.kind !== 'stance') continue;
    const cueHits = toQueryHits(hits, context.analyzed);
    // A weak cue counts once per distinct term: "förvaltningsrätten … offentligt biträde" is two facts, not one.
    const distinctTerms = new Set(cueHits.map((h) => h.term)).size;
    totals[cue.role.stance] += Math.min(Math.max(STANCE_EVIDENCE, cue.weight), cue.weight * Math.max(1, distinctTerms));
    for (const hit of cueHits.slice(0, 3)) evidence.push({ cue: cue.id, stance: cue.role.stance, ...hit });
  }
  const negation = negationNear(context, claimHits);
  if (negation !== undefined) {
    totals.countering += STANCE_EVIDENCE;
    evidence.push(negation);
  }
  const stance = chooseStance(totals, context.loadedClaim);
  return { stance, evidence: evidence.filter((e) => e.stance === stance || stance !== 'spreading') };
}

function chooseStance(totals: Record<Stance, number>, loadedClaim: boolean): Stance {
  // A loaded claim or a call to share rules concern out, and then it must not hold back countering either.
  const concern = loadedClaim || totals.spreading >= STANCE_EVIDENCE ? 0 : totals.concern;
  if (totals.countering >= STANCE_EVIDENCE && totals.countering >= totals.spreading && totals.countering > concern) return 'countering';
  if (concern >= STANCE_EVIDENCE) return 'concern';
  if (totals.reporting >= STANCE_EVIDENCE && totals.reporting > totals.spreading) return 'reporting';
  return 'spreading';
}

/** A negation word within a couple of words of a claim term (and not itself part of the claim, as in "ingen advokat"). */
function negationNear(context: StanceContext, claimHits: readonly TermHit[]): StanceEvidence | undefined {
  const { analyzed, occurrences, index } = context;
  const claimTokens = new Set(claimHits.map((h) => h.token));
  const negations: number[] = [];
  for (const id of index.negationTerms) for (const token of occurrences.get(id) ?? []) if (!claimTokens.has(token)) negations.push(token);
  if (negations.length === 0) return undefined;
  for (const claim of claimTokens) {
    const p = (analyzed.tokens[claim] as AnalyzedText['tokens'][number]).position;
    for (const token of negations) {
      const q = (analyzed.tokens[token] as AnalyzedText['tokens'][number]).position;
      if (q !== p && q >= p - NEGATION_WINDOW_BEFORE && q <= p + NEGATION_WINDOW_AFTER) {
        const [hit] = toQueryHits([{ token, term: 'negation' }], analyzed);
        return { cue: 'negation', stance: 'countering', ...(hit as NonNullable<typeof hit>) };
      }
    }
  }
  return undefined;
}
