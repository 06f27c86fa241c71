import { compileQuery, TermTable, type CompiledNode, type CompiledQuery } from '../catalogue/index.js';
import { LEVEL_KINDS } from './decide.js';
import { expandLexicons } from './expand.js';
import type { ThreatNegative, ThreatRules } from './schema.js';
import type { RuleSignalKind } from './types.js';

export type IndexedRole = { kind: 'signal'; signal: RuleSignalKind } | { kind: 'negative'; negative: ThreatNegative };

export interface IndexedThreatRule {
  /** `<lang>/<id>`. */
  name: string;
  role: IndexedRole;
  compiled: CompiledQuery;
}

/**
 * Every rule and negative of every language compiled into ONE term table, with an index from term id to the rules
 * using it: a post resolves each token once and evaluates only the rules whose terms occur. Rules of every language
 * run on every post, because posts mix languages and sources mislabel them.
 */
export class ThreatRuleIndex {
  readonly table = new TermTable();
  readonly rules: IndexedThreatRule[] = [];
  readonly byTerm: number[][] = [];
  readonly always: number[] = [];
  /** Signal rules of a {@link LEVEL_KINDS} kind per trigger term id: what can give a post a level. */
  readonly levelByTerm: number[][] = [];
  /** Signal rules of a {@link LEVEL_KINDS} kind that can match without any term. */
  readonly levelAlways: number[] = [];
  /** Query terms (as written) of the scene-setting lexicons, see {@link SUPPORTING_LEXICONS}. */
  readonly supportTerms = new Set<string>();

  constructor(rules: ThreatRules) {
    for (const file of rules.files) {
      const supporting = SUPPORTING_LEXICONS.filter((name) => file.lexicons[name] !== undefined);
      if (supporting.length > 0) collectLabels(compileQuery(expandLexicons(supporting.map((n) => `{${n}}`).join(' OR '), file.lexicons), { lang: file.lang }).root, this.supportTerms);
      for (const rule of file.rules) this.add(`${file.lang}/${rule.id}`, { kind: 'signal', signal: rule.signal }, expandLexicons(rule.query, file.lexicons), file.lang);
      for (const negative of file.negatives) this.add(`${file.lang}/${negative.id}`, { kind: 'negative', negative }, expandLexicons(negative.query, file.lexicons), file.lang);
    }
  }

  private add(name: string, role: IndexedRole, query: string, lang: IndexedThreatRule['compiled']['lang']): void {
    const compiled = compileQuery(query, { lang, table: this.table });
    const index = this.rules.length;
    this.rules.push({ name, role, compiled });
    const setsLevel = role.kind === 'signal' && LEVEL_KINDS.has(role.signal);
    if (compiled.triggers === null) this.always.push(index);
    if (compiled.triggers === null && setsLevel) this.levelAlways.push(index);
    for (const termId of compiled.triggers ?? []) {
      addTo(this.byTerm, termId, index);
      if (setsLevel) addTo(this.levelByTerm, termId, index);
    }
  }
}

function addTo(byTerm: number[][], termId: number, rule: number): void {
  while (byTerm.length <= termId) byTerm.push([]);
  (byTerm[termId] as number[]).push(rule);
}

/**
 * Lexicons naming who speaks and who is spoken of (staff, "we", "took our children"): they make a harm word a threat
 * against social services, but a reader needs the harm word, not them. Names a rule file does not use are skipped.
 */
export const SUPPORTING_LEXICONS = ['context', 'staff', 'staff-person', 'child-taking', 'subject', 'victim', 'modal'] as const;

function collectLabels(node: CompiledNode, out: Set<string>): void {
  switch (node.op) {
    case 'term':
    case 'phrase':
      out.add(node.label);
      return;
    case 'and':
    case 'or':
      for (const child of node.children) collectLabels(child, out);
      return;
    case 'near':
      collectLabels(node.left, out);
      collectLabels(node.right, out);
      return;
    case 'not':
    case 'meta':
      return;
  }
}

const QUERY_SYNTAX = /\{[a-z0-9-]+\}|[*"()]|\b(?:AND|OR|NOT|O?NEAR\/\d+)\b/gu;

/** Every lexicon word, so hashtags such as #brännsoc split into the rules' own words. */
export function lexiconWords(rules: ThreatRules): string[] {
  return rules.files.flatMap((file) => Object.values(file.lexicons).flat().map((entry) => entry.replace(QUERY_SYNTAX, ' ')));
}
