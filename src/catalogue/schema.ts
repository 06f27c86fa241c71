import { z } from 'zod';

export const RULE_LANGS = ['sv', 'ar', 'en', 'any'] as const;
export type RuleLang = (typeof RULE_LANGS)[number];
export const EXEMPLAR_LANGS = ['sv', 'ar', 'en'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** Default weight of a positive rule: one matching rule alone (0.6) clears the default threshold (0.5). */
export const DEFAULT_POSITIVE_WEIGHT = 0.6;
/** Default weight of a negative rule: 1 vetoes the narrative outright. */
export const DEFAULT_NEGATIVE_WEIGHT = 1;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

const ruleSchema = z.strictObject({
  id: z.string().regex(ID, 'expected a kebab-case id such as kidnap-verbs').describe('Stable id, shown in every explanation'),
  query: z.string().trim().min(1).describe('Boolean query, see src/catalogue/query/README.md'),
  weight: z.number().gt(0).max(1).optional().describe('Evidence 0-1; positive default 0.6, negative default 1 (veto)'),
});

const ruleSetSchema = z.strictObject({
  positive: z.array(ruleSchema).default([]),
  negative: z.array(ruleSchema).default([]),
});

const text = z.string().trim().min(1);

export const narrativeSchema = z.strictObject({
  slug: z.string().regex(ID, 'expected a kebab-case slug such as child-kidnapping'),
  title: z.strictObject({ sv: text, en: text }),
  description: text,
  severity: z.enum(SEVERITIES),
  enabled: z.boolean().default(true),
  threshold: z.number().gt(0).max(1).default(0.5).describe('Score at or above which a post carries the narrative'),
  counterFacts: z.strictObject({ sv: text, en: text, ar: text }).describe('Facts to answer with, ready to paste'),
  rules: z.strictObject({
    sv: ruleSetSchema.optional(),
    ar: ruleSetSchema.optional(),
    en: ruleSetSchema.optional(),
    any: ruleSetSchema.optional(),
  }),
  exemplars: z
    .strictObject({ sv: z.array(text).default([]), ar: z.array(text).default([]), en: z.array(text).default([]) })
    .describe('Typical posts carrying the claim, for similarity scoring'),
});

export type Narrative = z.output<typeof narrativeSchema>;
export type NarrativeRule = z.output<typeof ruleSchema>;
export type NarrativeRuleSet = z.output<typeof ruleSetSchema>;

/** The narratives in force, sorted by slug. */
export interface Catalogue {
  narratives: readonly Narrative[];
}

/** Keys allowed at a path of a narrative file, for "unknown field … allowed: …" messages. */
export function allowedKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const [first, second, third, , fifth] = path;
  if (path.length === 0) return Object.keys(narrativeSchema.shape);
  if (path.length === 1 && (first === 'title' || first === 'counterFacts' || first === 'exemplars' || first === 'rules')) {
    return first === 'title' ? ['sv', 'en'] : first === 'rules' ? RULE_LANGS : EXEMPLAR_LANGS;
  }
  if (first === 'rules' && path.length === 2 && second !== undefined) return ['positive', 'negative'];
  if (first === 'rules' && path.length === 4 && third !== undefined && fifth === undefined) return Object.keys(ruleSchema.shape);
  return [];
}
