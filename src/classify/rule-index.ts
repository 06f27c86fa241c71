import {
  compileQuery,
  DEFAULT_NEGATIVE_WEIGHT,
  DEFAULT_POSITIVE_WEIGHT,
  RULE_LANGS,
  TermTable,
  type Catalogue,
  type CompiledQuery,
  type RuleLang,
} from '../catalogue/index.js';
import { CONCERN_CUES, COUNTERING_CUES, NEGATION_QUERY, REPORTING_CUES, SPREADING_CUES, type StanceCue } from './stance-cues.js';
import type { Stance } from './types.js';

export type RuleRole = { kind: 'positive' | 'negative'; narrative: number } | { kind: 'stance'; stance: Stance };

export interface IndexedRule {
  id: string;
  lang: RuleLang;
  weight: number;
  role: RuleRole;
  compiled: CompiledQuery;
}

/**
 * Every rule of the catalogue plus the stance cues, compiled once into ONE term table, with an inverted index from
 * term id to the rules using it. A post resolves each token once, then evaluates only the rules whose terms occur
 * (and the few that can match without any term, such as `NOT x`).
 */
export class RuleIndex {
  readonly table = new TermTable();
  readonly rules: IndexedRule[] = [];
  /** Narrative rule indices (positive and negative) per trigger term id. */
  readonly byTerm: number[][] = [];
  /** Positive narrative rule indices per trigger term id: what can make a post carry a narrative. */
  readonly positiveByTerm: number[][] = [];
  /** Stance cue indices per trigger term id: looked at only for posts that carry a narrative. */
  readonly stanceByTerm: number[][] = [];
  /** Narrative rules and stance cues that can match without any term (`NOT x`, `lang:ar`): always tested. */
  readonly always: number[] = [];
  readonly stanceAlways: number[] = [];
  readonly negationTerms: ReadonlySet<number>;

  constructor(catalogue: Catalogue) {
    catalogue.narratives.forEach((narrative, n) => {
      if (!narrative.enabled) return;
      for (const lang of RULE_LANGS) {
        const set = narrative.rules[lang];
        if (set === undefined) continue;
        for (const rule of set.positive) this.add(rule.id, lang, rule.weight ?? DEFAULT_POSITIVE_WEIGHT, { kind: 'positive', narrative: n }, rule.query);
        for (const rule of set.negative) this.add(rule.id, lang, rule.weight ?? DEFAULT_NEGATIVE_WEIGHT, { kind: 'negative', narrative: n }, rule.query);
      }
    });
    const cues: Array<[Stance, readonly StanceCue[]]> = [
      ['countering', COUNTERING_CUES],
      ['reporting', REPORTING_CUES],
      ['spreading', SPREADING_CUES],
      ['concern', CONCERN_CUES],
    ];
    for (const [stance, list] of cues) for (const cue of list) this.add(cue.id, cue.lang, cue.weight, { kind: 'stance', stance }, cue.query);
    this.negationTerms = new Set(compileQuery(NEGATION_QUERY, { table: this.table }).termIds);
  }

  private add(id: string, lang: RuleLang, weight: number, role: RuleRole, query: string): void {
    const compiled = compileQuery(query, { lang, table: this.table });
    const index = this.rules.length;
    this.rules.push({ id, lang, weight, role, compiled });
    const stance = role.kind === 'stance';
    if (compiled.triggers === null) (stance ? this.stanceAlways : this.always).push(index);
    const lists = stance ? [this.stanceByTerm] : role.kind === 'positive' ? [this.byTerm, this.positiveByTerm] : [this.byTerm];
    for (const termId of compiled.triggers ?? []) {
      for (const byTerm of lists) {
        while (byTerm.length <= termId) byTerm.push([]);
        (byTerm[termId] as number[]).push(index);
      }
    }
  }
}
