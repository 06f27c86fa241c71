import type { QueryNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { type LexToken, lexQuery } from './lexer.js';

export interface QueryLimits {
  /** Longest query accepted, in characters. Default 200,000 (10,000 ORed words of ~15 characters). */
  maxChars: number;
  /** Most nodes (terms, phrases, fields, operators) in the tree. Default 50,000. */
  maxNodes: number;
  /** Deepest nesting of parentheses. Default 100. */
  maxDepth: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxChars: 200_000, maxNodes: 50_000, maxDepth: 100 };

const PRIMARY = ["a word", 'a "phrase"', 'a field such as lang:sv', "'('", 'NOT'];

/**
 * Parses a Brandwatch-style boolean query. Precedence, loosest first: OR, AND (explicit or implicit between adjacent
 * terms), NEAR/n and ONEAR/n, NOT. AND and OR chains are parsed in loops, not by recursion, so a query of 10,000 ORs
 * parses; only parentheses recurse, and their depth is capped. Errors are {@link QuerySyntaxError} with a position.
 */
export function parseQuery(query: string, limits: Partial<QueryLimits> = {}): QueryNode {
  const caps = { ...DEFAULT_QUERY_LIMITS, ...limits };
  if (query.length > caps.maxChars) {
    throw new QuerySyntaxError(`query too long at ${caps.maxChars}: ${query.length} characters; allowed at most ${caps.maxChars}`, caps.maxChars, [
      `at most ${caps.maxChars} characters`,
    ]);
  }
  const parser = new Parser(lexQuery(query), query.length, caps);
  const root = parser.parseOr(0);
  parser.expectEnd();
  return root;
}

class Parser {
  private index = 0;
  private nodes = 0;

  constructor(
    private readonly tokens: readonly LexToken[],
    private readonly queryLength: number,
    private readonly limits: QueryLimits,
  ) {}

  parseOr(depth: number): QueryNode {
    const children = [this.parseAnd(depth)];
    while (this.peek()?.kind === 'or') {
      this.index++;
      children.push(this.parseAnd(depth));
    }
    return children.length === 1 ? (children[0] as QueryNode) : this.group('or', children);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token === undefined) return;
    if (token.kind === 'rparen') throw new QuerySyntaxError(`unbalanced ')' at ${token.start}: expected an operator or end of query`, token.start, ['AND', 'OR', 'NEAR/n', 'end of query']);
    throw new QuerySyntaxError(`expected end of query at ${token.start}`, token.start, ['end of query']);
  }

  private parseAnd(depth: number): QueryNode {
    const children = [this.parseNear(depth)];
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'and') {
        this.index++;
        children.push(this.parseNear(depth));
      } else if (token !== undefined && startsPrimary(token)) {
        children.push(this.parseNear(depth));
      } else {
        break;
      }
    }
    return children.length === 1 ? (children[0] as QueryNode) : this.group('and', children);
  }

  private parseNear(depth: number): QueryNode {
    let left = this.parseUnary(depth);
    let chain = 0;
    for (let token = this.peek(); token?.kind === 'near'; token = this.peek()) {
      this.index++;
      // Each NEAR nests the tree one level deeper; cap the chain like parentheses so evaluation stays shallow.
      if (++chain + depth > this.limits.maxDepth) {
        throw new QuerySyntaxError(`too many chained NEAR operators at ${token.start}; allowed at most ${this.limits.maxDepth}`, token.start, [
          `at most ${this.limits.maxDepth} chained NEAR`,
        ]);
      }
      const right = this.parseUnary(depth);
      this.count();
      left = { type: 'near', left, right, distance: token.distance, ordered: token.ordered, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(depth: number): QueryNode {
    const nots: number[] = [];
    while (this.peek()?.kind === 'not') {
      nots.push((this.peek() as LexToken).start);
      this.index++;
    }
    const node = this.parsePrimary(depth);
    // NOT NOT x is x: keep only the parity so a run of NOTs cannot build a deep tree.
    if (nots.length % 2 === 0) return node;
    this.count();
    return { type: 'not', child: node, start: nots[0] as number, end: node.end };
  }

  private parsePrimary(depth: number): QueryNode {
    const token = this.peek();
    if (token === undefined) throw new QuerySyntaxError(`expected a term at ${this.queryLength}: the query ends too early`, this.queryLength, PRIMARY);
    this.index++;
    switch (token.kind) {
      case 'word':
        this.count();
        checkWord(token.text, token.start);
        return { type: 'term', text: token.text, start: token.start, end: token.end };
      case 'phrase':
        this.count();
        checkPhrase(token.text, token.start + 1);
        return { type: 'phrase', text: token.text, start: token.start, end: token.end };
      case 'field':
        this.count();
        if (token.value.includes('*')) checkWord(token.value, token.start);
        return { type: 'field', field: token.field, value: token.value, start: token.start, end: token.end };
      case 'lparen':
        return this.parseGroup(token.start, depth + 1);
      default:
        throw new QuerySyntaxError(`expected a term at ${token.start}, found ${describe(token)}`, token.start, PRIMARY);
    }
  }

  private parseGroup(open: number, depth: number): QueryNode {
    if (depth > this.limits.maxDepth) {
      throw new QuerySyntaxError(`parentheses nested too deep at ${open}; allowed at most ${this.limits.maxDepth} levels`, open, [
        `at most ${this.limits.maxDepth} levels`,
      ]);
    }
    const inner = this.parseOr(depth);
    const close = this.peek();
    if (close?.kind !== 'rparen') {
      const at = close?.start ?? this.queryLength;
      throw new QuerySyntaxError(`expected ')' at ${at} to close the '(' at ${open}`, at, ["')'"]);
    }
    this.index++;
    return { ...inner, start: Math.min(inner.start, open), end: close.end };
  }

  private group(type: 'and' | 'or', children: QueryNode[]): QueryNode {
    this.count();
    const first = children[0] as QueryNode;
    const last = children[children.length - 1] as QueryNode;
    return { type, children, start: first.start, end: last.end };
  }

  private count(): void {
    this.nodes++;
    if (this.nodes > this.limits.maxNodes) {
      const at = this.tokens[Math.max(0, this.index - 1)]?.start ?? 0;
      throw new QuerySyntaxError(`query too large at ${at}: more than ${this.limits.maxNodes} terms and operators`, at, [
        `at most ${this.limits.maxNodes} terms and operators`,
      ]);
    }
  }

  private peek(): LexToken | undefined {
    return this.tokens[this.index];
  }
}

const WORD_CHAR = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** A wildcard needs two letters to anchor it: `*` or `k*` alone would match (nearly) every word. */
function checkWord(text: string, start: number): void {
  let letters = 0;
  for (const ch of text) if (WORD_CHAR.test(ch)) letters++;
  if (text.includes('*') && letters < 2) {
    const what = letters === 0 ? "'*' alone" : `'${text}'`;
    throw new QuerySyntaxError(`${what} at ${start} would match every word: a wildcard needs at least 2 letters, e.g. kidnapp*`, start, [
      'a word with at least 2 letters',
    ]);
  }
  if (letters === 0) throw new QuerySyntaxError(`'${text}' at ${start} has no letters or digits: expected a word`, start, ['a word']);
}

function checkPhrase(text: string, start: number): void {
  let offset = 0;
  for (const word of text.split(' ')) {
    if (word.includes('*')) checkWord(word, start + offset);
    offset += word.length + 1;
  }
}

function startsPrimary(token: LexToken): boolean {
  return token.kind === 'word' || token.kind === 'phrase' || token.kind === 'field' || token.kind === 'lparen' || token.kind === 'not';
}

function describe(token: LexToken): string {
  switch (token.kind) {
    case 'rparen':
      return "')'";
    case 'near':
      return token.ordered ? 'ONEAR' : 'NEAR';
    default:
      return token.kind.toUpperCase();
  }
}
