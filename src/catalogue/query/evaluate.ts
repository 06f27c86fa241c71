import type { AnalyzedText } from '../../language/index.js';
import type { CompiledNode } from './compile.js';
import type { Occurrences } from './occurrences.js';

/** One matched leaf: the token (index into `analyzed.tokens`) and the query term as written. */
export interface TermHit {
  token: number;
  term: string;
}

/** Word positions a matched sub-query covers, with the hits inside; NEAR compares spans. */
interface Span {
  from: number;
  to: number;
  hits: TermHit[];
}

export interface Outcome {
  match: boolean;
  spans: Span[];
}

const NO_MATCH: Outcome = { match: false, spans: [] };

/**
 * Evaluates a compiled query over one analysed post. Work is linear in the occurrences of the query's terms (NEAR
 * sorts its two span lists once), never in the text length times the query size.
 */
export function evaluateNode(node: CompiledNode, analyzed: AnalyzedText, occurrences: Occurrences): Outcome {
  switch (node.op) {
    case 'term': {
      const list = occurrences.get(node.id);
      if (list === undefined || list.length === 0) return NO_MATCH;
      const spans: Span[] = [];
      for (const token of list) spans.push(spanOf(analyzed, token, node.label));
      return { match: true, spans };
    }
    case 'phrase':
      return phraseOutcome(node.ids, node.label, analyzed, occurrences);
    case 'meta':
      return node.test(analyzed[node.field]) ? { match: true, spans: [] } : NO_MATCH;
    case 'and': {
      if (!mayOccur(node.needs, occurrences)) return NO_MATCH;
      const spans: Span[] = [];
      for (const child of node.children) {
        const outcome = evaluateNode(child, analyzed, occurrences);
        if (!outcome.match) return NO_MATCH;
        for (const span of outcome.spans) spans.push(span);
      }
      return { match: true, spans };
    }
    case 'or': {
      if (!mayOccur(node.needs, occurrences)) return NO_MATCH;
      let match = false;
      const spans: Span[] = [];
      for (let k = 0; k < node.children.length; k++) {
        // Most children of a long OR are absent words: skip them without building an outcome.
        const id = node.childIds[k] as number;
        if (id >= 0 && !occurrences.has(id)) continue;
        const outcome = evaluateNode(node.children[k] as CompiledNode, analyzed, occurrences);
        if (!outcome.match) continue;
        match = true;
        for (const span of outcome.spans) spans.push(span);
      }
      return match ? { match, spans } : NO_MATCH;
    }
    case 'not':
      return evaluateNode(node.child, analyzed, occurrences).match ? NO_MATCH : { match: true, spans: [] };
    case 'near': {
      if (!mayOccur(node.needs, occurrences)) return NO_MATCH;
      const left = evaluateNode(node.left, analyzed, occurrences);
      if (!left.match) return NO_MATCH;
      const right = evaluateNode(node.right, analyzed, occurrences);
      if (!right.match) return NO_MATCH;
      const spans = nearSpans(left.spans, right.spans, node.distance, node.ordered);
      return spans.length > 0 ? { match: true, spans } : NO_MATCH;
    }
  }
}

/**
 * Whether the node matches, without building spans: a map look-up per leaf. NEAR and phrases fall back to
 * {@link evaluateNode} only once their parts are known to occur, so most non-matching rules cost a few look-ups.
 */
export function testNode(node: CompiledNode, analyzed: AnalyzedText, occurrences: Occurrences): boolean {
  switch (node.op) {
    case 'term':
      return occurrences.has(node.id);
    case 'phrase':
      for (const id of node.ids) if (!occurrences.has(id)) return false;
      return phraseOutcome(node.ids, node.label, analyzed, occurrences).match;
    case 'meta':
      return node.test(analyzed[node.field]);
    case 'and':
      if (!mayOccur(node.needs, occurrences)) return false;
      for (const child of node.children) if (!testNode(child, analyzed, occurrences)) return false;
      return true;
    case 'or':
      if (!mayOccur(node.needs, occurrences)) return false;
      for (const id of node.termIds) if (occurrences.has(id)) return true;
      if (node.termIds.length === node.children.length) return false;
      for (let k = 0; k < node.children.length; k++) {
        if (node.childIds[k] === -1 && testNode(node.children[k] as CompiledNode, analyzed, occurrences)) return true;
      }
      return false;
    case 'not':
      return !testNode(node.child, analyzed, occurrences);
    case 'near': {
      if (!mayOccur(node.needs, occurrences) || !testNode(node.left, analyzed, occurrences) || !testNode(node.right, analyzed, occurrences)) return false;
      const left = termPositions(node.left, analyzed, occurrences);
      const right = left === undefined ? undefined : termPositions(node.right, analyzed, occurrences);
      if (left === undefined || right === undefined) return evaluateNode(node, analyzed, occurrences).match;
      return hasNearPair(left, right, node.distance + 1, node.ordered);
    }
  }
}

/**
 * False when no term of the node's `needs` set occurs, so the node cannot match (the one read that spares a walk over
 * a long OR of lexicon phrases); true when it may, or when the node needs no term.
 */
function mayOccur(needs: number, occurrences: Occurrences): boolean {
  return needs < 0 || occurrences.hasAnyOf(needs);
}

const ABSENT = 0;
const MAYBE = 1;
const PRESENT = 2;

/**
 * Whether the node can match a post in which the terms of `occurrences` occur, judged from which terms occur alone:
 * false only when it cannot (so a false is final); true when it does or may (phrases, NEAR and field filters are not
 * looked at). A screen that spares most posts the full analysis {@link testNode} needs.
 */
export function mayMatch(node: CompiledNode, occurrences: Occurrences): boolean {
  return presence(node, occurrences) !== ABSENT;
}

/** True when one read shows the node cannot match: a term or a phrase's first word missing, or its term set. */
function isRuledOut(node: CompiledNode, occurrences: Occurrences): boolean {
  switch (node.op) {
    case 'term':
      return !occurrences.has(node.id);
    case 'phrase':
      return !occurrences.has(node.ids[0] as number);
    case 'and':
    case 'or':
    case 'near':
      return !mayOccur(node.needs, occurrences);
    default:
      return false;
  }
}

/** Three-valued: whether the node surely matches, may match, or cannot, from term presence only. */
function presence(node: CompiledNode, occurrences: Occurrences): number {
  switch (node.op) {
    case 'term':
      return occurrences.has(node.id) ? PRESENT : ABSENT;
    case 'phrase':
      for (const id of node.ids) if (!occurrences.has(id)) return ABSENT;
      return node.ids.length === 1 ? PRESENT : MAYBE;
    case 'meta':
      return MAYBE;
    case 'and': {
      if (!mayOccur(node.needs, occurrences)) return ABSENT;
      // Every child ruled out at a glance first: the child a rule was triggered by tends to come first, and to occur.
      for (const child of node.children) if (isRuledOut(child, occurrences)) return ABSENT;
      let all = PRESENT;
      for (const child of node.children) {
        all = Math.min(all, presence(child, occurrences));
        if (all === ABSENT) return ABSENT;
      }
      return all;
    }
    case 'or': {
      if (!mayOccur(node.needs, occurrences)) return ABSENT;
      // Most children of a long OR are plain terms, listed in termIds: one look-up each.
      for (const id of node.termIds) if (occurrences.has(id)) return PRESENT;
      let any = ABSENT;
      if (node.termIds.length === node.children.length) return any;
      for (let k = 0; k < node.children.length; k++) {
        if (node.childIds[k] !== -1) continue;
        any = Math.max(any, presence(node.children[k] as CompiledNode, occurrences));
        if (any === PRESENT) return PRESENT;
      }
      return any;
    }
    case 'not':
      return PRESENT - presence(node.child, occurrences);
    case 'near':
      if (!mayOccur(node.needs, occurrences)) return ABSENT;
      return presence(node.left, occurrences) !== ABSENT && presence(node.right, occurrences) !== ABSENT ? MAYBE : ABSENT;
  }
}

/**
 * Ascending word positions where a node of words only (a term, or an OR of terms, the usual sides of a NEAR)
 * matches; undefined for any other node, whose spans can cover several words.
 */
function termPositions(node: CompiledNode, analyzed: AnalyzedText, occurrences: Occurrences): number[] | undefined {
  const ids = node.op === 'term' ? [node.id] : node.op === 'or' && node.termIds.length === node.children.length ? node.termIds : undefined;
  if (ids === undefined) return undefined;
  const positions: number[] = [];
  for (const id of ids) {
    for (const token of occurrences.get(id) ?? NO_TOKENS) positions.push((analyzed.tokens[token] as { position: number }).position);
  }
  // One term's tokens come in text order; several terms' lists need merging.
  if (ids.length > 1) positions.sort((a, b) => a - b);
  return positions;
}

const NO_TOKENS: readonly number[] = [];

/**
 * Whether some left and right position are at most `reach` apart (left first when ordered, or at the same word): the
 * same verdict as {@link nearSpans} gives for one-word spans, in one merge of the two ascending lists.
 */
function hasNearPair(left: readonly number[], right: readonly number[], reach: number, ordered: boolean): boolean {
  let i = 0;
  for (const r of right) {
    while (i + 1 < left.length && (left[i + 1] as number) <= r) i++;
    const before = left[i] as number;
    if (before <= r && r - before <= reach) return true;
    if (ordered) continue;
    const after = before <= r ? left[i + 1] : before;
    if (after !== undefined && after - r <= reach) return true;
  }
  return false;
}

function spanOf(analyzed: AnalyzedText, token: number, term: string): Span {
  const position = (analyzed.tokens[token] as { position: number }).position;
  return { from: position, to: position, hits: [{ token, term }] };
}

function phraseOutcome(ids: readonly number[], label: string, analyzed: AnalyzedText, occurrences: Occurrences): Outcome {
  const first = occurrences.get(ids[0] as number);
  if (first === undefined) return NO_MATCH;
  const byPosition: Array<Map<number, number>> = [];
  for (let k = 1; k < ids.length; k++) {
    const list = occurrences.get(ids[k] as number);
    if (list === undefined) return NO_MATCH;
    const map = new Map<number, number>();
    for (const token of list) map.set((analyzed.tokens[token] as { position: number }).position, token);
    byPosition.push(map);
  }
  const spans: Span[] = [];
  for (const start of first) {
    const position = (analyzed.tokens[start] as { position: number }).position;
    const hits: TermHit[] = [{ token: start, term: label }];
    for (let k = 0; k < byPosition.length && hits.length === k + 1; k++) {
      const token = (byPosition[k] as Map<number, number>).get(position + k + 1);
      if (token !== undefined) hits.push({ token, term: label });
    }
    if (hits.length === ids.length) spans.push({ from: position, to: position + ids.length - 1, hits });
  }
  return spans.length > 0 ? { match: true, spans } : NO_MATCH;
}

/**
 * Pairs of left/right spans with at most `distance` words between them (left first when ordered), found in one sweep
 * over both lists sorted by start: each span is compared with the far-reaching span of the other side seen so far.
 */
function nearSpans(left: readonly Span[], right: readonly Span[], distance: number, ordered: boolean): Span[] {
  // Both sides walked in order of start, left first on a tie: a merge of the two lists (a term's spans already come in
  // text order; an OR's or AND's are sorted first, stably, as one sort of both lists would order them).
  const lefts = byStart(left);
  const rights = byStart(right);
  let reachLeft: Span | undefined;
  let reachRight: Span | undefined;
  const pairs: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < lefts.length || j < rights.length) {
    const isLeft = j >= rights.length || (i < lefts.length && (lefts[i] as Span).from <= (rights[j] as Span).from);
    const span = (isLeft ? lefts[i++] : rights[j++]) as Span;
    const partner = isLeft ? (ordered ? undefined : reachRight) : reachLeft;
    if (partner !== undefined && span.from - partner.to <= distance + 1) {
      pairs.push({ from: Math.min(partner.from, span.from), to: Math.max(partner.to, span.to), hits: partner.hits.concat(span.hits) });
    }
    if (isLeft) {
      if (reachLeft === undefined || span.to > reachLeft.to) reachLeft = span;
    } else if (reachRight === undefined || span.to > reachRight.to) {
      reachRight = span;
    }
  }
  return pairs;
}

/** The spans in order of start: the list itself when it already is, else a stably sorted copy. */
function byStart(spans: readonly Span[]): readonly Span[] {
  for (let k = 1; k < spans.length; k++) {
    if ((spans[k] as Span).from < (spans[k - 1] as Span).from) return [...spans].sort((a, b) => a.from - b.from);
  }
  return spans;
}
