import { stringify } from 'yaml';
import { RULE_LANGS, type Catalogue, type Narrative, type NarrativeRuleSet } from './schema.js';

export interface CatalogueFile {
  fileName: string;
  text: string;
}

/** One YAML file per narrative, `<slug>.yaml`, in the layout `loadCatalogueDir` reads back unchanged. */
export function catalogueToYamlFiles(catalogue: Catalogue): CatalogueFile[] {
  return catalogue.narratives.map((narrative) => ({ fileName: `${narrative.slug}.yaml`, text: narrativeToYaml(narrative) }));
}

export function narrativeToYaml(n: Narrative): string {
  const rules: Record<string, Partial<NarrativeRuleSet>> = {};
  for (const lang of RULE_LANGS) {
    const set = n.rules[lang];
    if (set === undefined) continue;
    rules[lang] = {
      ...(set.positive.length > 0 ? { positive: set.positive } : {}),
      ...(set.negative.length > 0 ? { negative: set.negative } : {}),
    };
  }
  const plain = {
    slug: n.slug,
    title: n.title,
    description: n.description,
    severity: n.severity,
    enabled: n.enabled,
    threshold: n.threshold,
    counterFacts: n.counterFacts,
    rules,
    exemplars: n.exemplars,
  };
  return stringify(plain, { lineWidth: 0 });
}
