import { analyzeText, isFunctionWord, normalizeLangCode, normalizeUrl, normalizeWord, type InflectionLang, type Token } from '../../language/index.js';
import type { QueryField, QueryNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { compileGlob } from './glob.js';
import { parseQuery, type QueryLimits } from './parser.js';
import { TermTable, type TermSpec } from './term-table.js';

/** Language a query is written for; it picks the inflectional endings bare words may take. */
export type QueryLang = 'sv' | 'en' | 'ar' | 'any';

export type MetaField = Extract<QueryField, 'lang' | 'source' | 'author' | 'url'>;

/**
 * A query node with its leaves bound to term ids of a {@link TermTable}; `label` is the leaf as the admin wrote it.
 * `needs` (on the inner nodes) is the {@link TermTable.termSet} of which some term occurs in every post the node
 * matches, or -1 when it can match without any (a NOT or a field filter decides): evaluators rule a node out with one
 * read of the occurrences when none of its set occurs.
 */
export type CompiledNode =
  | { op: 'term'; id: number; label: string }
  | { op: 'phrase'; ids: readonly number[]; label: string }
  | { op: 'meta'; field: MetaField; test: (value: string) => boolean; label: string }
  | { op: 'and'; children: readonly CompiledNode[]; needs: number }
  /**
   * `termIds` repeats the ids of the children that are plain terms, so a test is one loop of look-ups; `childIds` has,
   * per child, its term id or -1 when it is not a plain term.
   */
  | { op: 'or'; children: readonly CompiledNode[]; termIds: readonly number[]; childIds: readonly number[]; needs: number }
  | { op: 'not'; child: CompiledNode }
  | { op: 'near'; left: CompiledNode; right: CompiledNode; distance: number; ordered: boolean; needs: number };

export interface CompiledQuery {
  readonly root: CompiledNode;
  readonly table: TermTable;
  /** Ids of every term the query uses, for a catalogue's term → rule index. */
  readonly termIds: readonly number[];
  /**
   * Terms of which at least one occurs in every post the query matches, chosen to be rare (an AND needs only its
   * rarest branch): an index keyed on them runs the query only for posts that can match. Null when the query can
   * match a post holding none of its terms (`NOT x`, `lang:ar`): it must always run.
   */
  readonly triggers: readonly number[] | null;
  readonly lang: QueryLang;
}

export interface CompileOptions {
  lang?: QueryLang;
  /** Share one table between many queries (a catalogue) so each token is resolved once for all of them. */
  table?: TermTable;
  limits?: Partial<QueryLimits>;
}

/** Parses (when given text) and compiles a query; throws {@link QuerySyntaxError} for a bad one. */
export function compileQuery(query: string | QueryNode, options: CompileOptions = {}): CompiledQuery {
  const ast = typeof query === 'string' ? parseQuery(query, options.limits) : query;
  const lang = options.lang ?? 'any';
  const table = options.table ?? new TermTable();
  const termIds = new Set<number>();
  const compiler = new Compiler(table, inflectionLang(lang), termIds);
  const root = compiler.compile(ast);
  const trigger = bindTriggers(root, table);
  return { root, table, termIds: [...termIds], triggers: trigger === null ? null : [...new Set(trigger.ids)], lang };
}

function inflectionLang(lang: QueryLang): InflectionLang {
  return lang === 'sv' || lang === 'en' ? lang : 'any';
}

class Compiler {
  constructor(
    private readonly table: TermTable,
    private readonly lang: InflectionLang,
    private readonly termIds: Set<number>,
  ) {}

  compile(node: QueryNode): CompiledNode {
    switch (node.type) {
      case 'term':
        return this.term(node.text, node.start);
      case 'phrase':
        return this.phrase(node.text, node.start);
      case 'field':
        return this.field(node.field, node.value, node.start);
      case 'and':
        return { op: 'and', children: node.children.map((child) => this.compile(child)), needs: NEEDS_UNBOUND };
      case 'or':
        return orNode(node.children.map((child) => this.compile(child)));
      case 'not':
        return { op: 'not', child: this.compile(node.child) };
      case 'near':
        this.checkNearSide(node.left);
        this.checkNearSide(node.right);
        return { op: 'near', left: this.compile(node.left), right: this.compile(node.right), distance: node.distance, ordered: node.ordered, needs: NEEDS_UNBOUND };
    }
  }

  private leaf(spec: TermSpec, label: string): CompiledNode {
    const id = this.table.add(spec);
    this.termIds.add(id);
    return { op: 'term', id, label };
  }

  private term(text: string, start: number): CompiledNode {
    if (text.startsWith('#') && text.length > 1) return this.leaf({ kind: 'hashtag', pattern: hashtagPattern(text.slice(1)) }, text);
    if (text.includes('*')) return this.leaf({ kind: 'glob', pattern: globPattern(text) }, text);
    const tokens = wordTokens(text);
    if (tokens.length === 0) throw new QuerySyntaxError(`'${text}' at ${start} has no letters or digits: expected a word`, start, ['a word']);
    if (tokens.length === 1) return this.leaf(this.tokenSpec(tokens[0] as Token, false), text);
    return this.sequence(tokens.map((t) => this.tokenSpec(t, false)), text);
  }

  private phrase(text: string, start: number): CompiledNode {
    const specs: TermSpec[] = [];
    for (const word of text.split(/\s+/u).filter((w) => w.length > 0)) {
      if (word.includes('*')) specs.push({ kind: 'glob', pattern: globPattern(word) });
      else for (const token of wordTokens(word)) specs.push(this.tokenSpec(token, true));
    }
    if (specs.length === 0) throw new QuerySyntaxError(`phrase at ${start} has no letters or digits: expected words`, start, ['words']);
    return specs.length === 1 ? this.leaf(specs[0] as TermSpec, `"${text}"`) : this.sequence(specs, `"${text}"`);
  }

  private sequence(specs: readonly TermSpec[], label: string): CompiledNode {
    const ids = specs.map((spec) => this.table.add(spec));
    for (const id of ids) this.termIds.add(id);
    return { op: 'phrase', ids, label };
  }

  private tokenSpec(token: Token, exact: boolean): TermSpec {
    if (token.kind === 'hashtag') return { kind: 'hashtag', pattern: token.norm };
    if (token.kind === 'url') return { kind: 'url', pattern: token.norm };
    if (exact || token.kind === 'emoji' || token.kind === 'number') return { kind: 'exact', norm: token.norm };
    return { kind: 'word', norm: token.norm, lang: this.lang };
  }

  private field(field: QueryField, value: string, start: number): CompiledNode {
    const label = `${field}:${value}`;
    switch (field) {
      case 'hashtag':
        return this.leaf({ kind: 'hashtag', pattern: hashtagPattern(value.replace(/^#/u, '')) }, label);
      case 'url': {
        // URLs in the text are tokens with offsets; the post's own address is metadata.
        const pattern = normalizeUrl(value);
        const own = pattern.includes('*') ? valueTest(pattern) : (v: string) => v.includes(pattern);
        return orNode([this.leaf({ kind: 'url', pattern }, label), { op: 'meta', field, test: (v) => v.length > 0 && own(v), label }]);
      }
      case 'lang': {
        const code = normalizeLangCode(value);
        if (code === undefined) throw new QuerySyntaxError(`expected a language code such as sv after 'lang:' at ${start}`, start, ['sv', 'ar', 'en']);
        return { op: 'meta', field, test: (v) => v === code, label };
      }
      case 'source':
      case 'author':
        return { op: 'meta', field, test: valueTest(field === 'author' ? value.replace(/^@/u, '') : value), label };
    }
  }

  /** NEAR needs word positions; metadata filters have none, so `lang:ar NEAR/3 x` is an error, not a silent no-match. */
  private checkNearSide(node: QueryNode): void {
    const stack: QueryNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop() as QueryNode;
      if (n.type === 'field' && (n.field === 'lang' || n.field === 'source' || n.field === 'author')) {
        throw new QuerySyntaxError(`'${n.field}:' at ${n.start} cannot be used inside NEAR: it has no position in the text`, n.start, [
          'a word, phrase, hashtag: or url: inside NEAR',
        ]);
      }
      if (n.type === 'and' || n.type === 'or') stack.push(...n.children);
      else if (n.type === 'not') stack.push(n.child);
      else if (n.type === 'near') stack.push(n.left, n.right);
    }
  }
}

function orNode(children: readonly CompiledNode[]): CompiledNode {
  const childIds = children.map((child) => (child.op === 'term' ? child.id : -1));
  return { op: 'or', children, termIds: childIds.filter((id) => id >= 0), childIds, needs: NEEDS_UNBOUND };
}

/** The words of a query term, normalised exactly as post text is (hashtags are kept whole, not split). */
function wordTokens(text: string): Token[] {
  return analyzeText(text, { lang: 'und' }).tokens.filter((t) => !t.inHashtag);
}

function globPattern(text: string): string {
  return text
    .split('*')
    .map((segment) => normalizeWord(segment))
    .join('*')
    .replace(/\*{2,}/gu, '*');
}

function hashtagPattern(body: string): string {
  return globPattern(body.replaceAll('_', ''));
}

function valueTest(value: string): (v: string) => boolean {
  const pattern = globPattern(value);
  if (!pattern.includes('*')) return (v) => v === pattern;
  const glob = compileGlob(pattern);
  return (v) => glob.matches(v);
}

interface Trigger {
  ids: number[];
  cost: number;
}

/** `needs` before {@link bindTriggers} sets it: no term set, so nothing is ruled out. */
const NEEDS_UNBOUND = -1;

/**
 * A necessary set of terms for the node to match, cheapest first; null when it may match without any term. Sets
 * `needs` of every inner node below and at `node` on the way (bottom-up, once per node).
 */
function bindTriggers(node: CompiledNode, table: TermTable): Trigger | null {
  const trigger = triggersOf(node, table);
  if (node.op === 'and' || node.op === 'or' || node.op === 'near') node.needs = trigger === null ? NEEDS_UNBOUND : table.termSet(trigger.ids);
  return trigger;
}

function triggersOf(node: CompiledNode, table: TermTable): Trigger | null {
  const cost = (id: number): number => termCost(table, id);
  switch (node.op) {
    case 'term':
      return { ids: [node.id], cost: cost(node.id) };
    case 'phrase': {
      const id = [...node.ids].sort((a, b) => cost(a) - cost(b))[0] as number;
      return { ids: [id], cost: cost(id) };
    }
    case 'meta':
      return null;
    case 'not':
      bindTriggers(node.child, table);
      return null;
    case 'or': {
      const ids: number[] = [];
      let total = 0;
      let always = false;
      // Every child is bound, also after one that needs no term.
      for (const child of node.children) {
        const t = bindTriggers(child, table);
        if (t === null) always = true;
        else {
          for (const id of t.ids) ids.push(id);
          total += t.cost;
        }
      }
      return always ? null : { ids, cost: total };
    }
    case 'and':
    case 'near': {
      let best: Trigger | null = null;
      const children = node.op === 'near' ? [node.left, node.right] : node.children;
      for (const child of children) {
        const t = bindTriggers(child, table);
        if (t !== null && (best === null || t.cost < best.cost)) best = t;
      }
      return best;
    }
  }
}

/** How often a term is likely to occur: function words and short wildcard prefixes are frequent. */
function termCost(table: TermTable, id: number): number {
  const spec = table.spec(id);
  switch (spec.kind) {
    case 'word':
    case 'exact':
      return isFunctionWord(spec.norm) ? 20 : spec.norm.length <= 2 ? 5 : 1;
    case 'glob': {
      const prefix = spec.pattern.split('*')[0] as string;
      return prefix.length >= 4 ? 1 : prefix.length === 0 ? 2 : 3;
    }
    default:
      return 1;
  }
}
