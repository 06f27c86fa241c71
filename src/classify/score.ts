/** Exemplar similarity below this is noise (shared words such as "soc" and "barn") and adds nothing. */
export const EXEMPLAR_MIN_SIMILARITY = 0.3;
/** Scale of exemplar similarity as evidence: a close paraphrase of an exemplar (≈0.6) carries a post alone. */
export const EXEMPLAR_WEIGHT = 0.9;

/**
 * A narrative's score, rounded to 3 decimals. Positive rules and exemplar similarity combine as independent evidence
 * (noisy-OR: 1 − Π(1 − w)); each matching negative rule then scales the score by (1 − its weight), so a weight-1
 * negative rule vetoes. `missing` is Π(1 − w) over the matching positive rules, `veto` Π(1 − w) over the negative ones.
 */
export function narrativeScore(missing: number, similarity: number, veto: number): number {
  const exemplarMissing = similarity >= EXEMPLAR_MIN_SIMILARITY ? 1 - Math.min(1, similarity * EXEMPLAR_WEIGHT) : 1;
  return Math.round((1 - missing * exemplarMissing) * veto * 1000) / 1000;
}
