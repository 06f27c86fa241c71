import { z } from 'zod';
import { RULE_SIGNAL_KINDS, THREAT_CATEGORIES } from './types.js';

export const THREAT_RULE_LANGS = ['sv', 'ar', 'en', 'any'] as const;
export type ThreatRuleLang = (typeof THREAT_RULE_LANGS)[number];

/**
 * How far a negative reaches: the whole post; only signals inside quotation marks (when the negative itself stands
 * outside them); or a rule match with the negative at most `window` words before one of its words ("vi ska inte döda").
 */
export const NEGATIVE_SCOPES = ['post', 'quoted', 'before'] as const;
export const NEGATIVE_KINDS = ['report', 'condemn', 'quote', 'negation'] as const;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const id = z.string().regex(ID, 'expected a kebab-case id such as kill-staff');
const text = z.string().trim().min(1);

const ruleSchema = z.strictObject({
  id: id.describe('Stable id, unique in the file; signals name it as <lang>/<id>'),
  signal: z.enum(RULE_SIGNAL_KINDS).describe('Kind of evidence a match gives'),
  query: text.describe('Boolean query (src/catalogue/query); {lexicon} expands to (word OR word …)'),
  note: text.optional().describe('Why the rule exists, for admins'),
});

const negativeSchema = z.strictObject({
  id: id,
  kind: z.enum(NEGATIVE_KINDS).describe('report (news voice), condemn, quote (reported speech) or negation'),
  query: text,
  scope: z.enum(NEGATIVE_SCOPES).default('post').describe('post: the whole post; quoted: signals inside quotes; before: rule matches it precedes by at most `window` words'),
  window: z.number().int().min(1).max(20).default(3).describe('Words, for scope before'),
  cancels: z.array(z.enum(THREAT_CATEGORIES)).min(1).default([...THREAT_CATEGORIES]).describe('Categories it cancels'),
  note: text.optional(),
});

export const threatRulesFileSchema = z.strictObject({
  lang: z.enum(THREAT_RULE_LANGS),
  description: text.optional(),
  lexicons: z
    .record(z.string().regex(ID, 'expected a kebab-case lexicon name such as weapon'), z.array(text).min(1))
    .default({})
    .describe('Named word lists; each entry is a query fragment (word, "phrase", glob*, or a small sub-query)'),
  rules: z.array(ruleSchema).default([]),
  negatives: z.array(negativeSchema).default([]),
});

export type ThreatRulesFile = z.output<typeof threatRulesFileSchema>;
export type ThreatRule = z.output<typeof ruleSchema>;
export type ThreatNegative = z.output<typeof negativeSchema>;

/** The rules in force: one file per language, sorted by language. */
export interface ThreatRules {
  files: readonly ThreatRulesFile[];
}

/** Keys allowed at a path of a rules file, for "unknown field … allowed: …" messages. */
export function allowedThreatKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(threatRulesFileSchema.shape);
  if (path.length === 2 && path[0] === 'rules') return Object.keys(ruleSchema.shape);
  if (path.length === 2 && path[0] === 'negatives') return Object.keys(negativeSchema.shape);
  return [];
}
