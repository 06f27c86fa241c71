import { stringify } from 'yaml';
import type { ThreatRules, ThreatRulesFile } from './schema.js';

/** One YAML file per language, `<lang>.yaml`, in the layout `loadThreatRulesDir` reads back unchanged. */
export function threatRulesToYamlFiles(rules: ThreatRules): Array<{ fileName: string; text: string }> {
  return rules.files.map((file) => ({ fileName: `${file.lang}.yaml`, text: threatRulesFileToYaml(file) }));
}

export function threatRulesFileToYaml(file: ThreatRulesFile): string {
  return stringify(file, { lineWidth: 0 });
}
