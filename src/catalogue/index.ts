export { CatalogueError } from './errors.js';
export { catalogueToYamlFiles, narrativeToYaml, type CatalogueFile } from './export.js';
export { catalogueFingerprint } from './fingerprint.js';
export { loadCatalogueDir, parseNarrativeYaml, pathText, validateNarrative } from './load.js';
export {
  DEFAULT_NEGATIVE_WEIGHT,
  DEFAULT_POSITIVE_WEIGHT,
  EXEMPLAR_LANGS,
  narrativeSchema,
  RULE_LANGS,
  SEVERITIES,
  type Catalogue,
  type Narrative,
  type NarrativeRule,
  type NarrativeRuleSet,
  type RuleLang,
} from './schema.js';
export * from './query/index.js';
