import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../config/index.js';
import { ConfigError } from '../errors/index.js';
import { parseYamlLocated, yamlLocator } from '../text/index.js';
import { loadCatalogueDir } from '../catalogue/index.js';
import { importCatalogue, listNarratives } from '../catalogue-store/index.js';
import { countSources } from '../db/queries/index.js';
import { loadStoredThreatRules, saveThreatRules } from '../threat-cases/index.js';
import { loadThreatRulesDir } from '../threats/index.js';
import { addSource } from '../pipeline/index.js';
import { sourceAdminDeps, type App } from './context.js';

const demoFileSchema = z.object({
  sources: z.array(
    z
      .object({
        kind: z.string(),
        name: z.string(),
        url: z.string().url(),
        everyMinutes: z.number().int().positive().optional(),
        config: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  ),
});

export const DEMO_SOURCES_FILE = 'config/sources.demo.yaml';

/** First start on an empty database: add the public Swedish demo sources so a newcomer sees data at once. */
export async function seedDemoSources(app: App, file = join(packageRoot(), DEMO_SOURCES_FILE)): Promise<number> {
  if ((await countSources(app.database.db)) > 0) return 0;
  const text = readFileSync(file, 'utf8');
  const yaml = parseYamlLocated(text, file);
  if ('problems' in yaml) throw new ConfigError(`invalid demo sources file:\n  ${yaml.problems.join('\n  ')}`);
  const parsed = demoFileSchema.safeParse(yaml.value);
  if (!parsed.success) {
    const locate = yamlLocator(yaml.doc, yaml.lineCounter, text, file);
    throw new ConfigError(`invalid demo sources file:\n  ${parsed.error.issues.map((i) => `${locate(i.path)} ${i.path.join('.')}: ${i.message}`).join('\n  ')}`);
  }
  const deps = sourceAdminDeps(app);
  for (const source of parsed.data.sources) await addSource(deps, source);
  return parsed.data.sources.length;
}

/** First start on an empty catalogue: import the seed narratives shipped in config/narratives. */
export async function seedCatalogue(app: App): Promise<number> {
  if ((await listNarratives(app.database.db)).length > 0) return 0;
  const dir = app.config.classify.catalogueDir;
  const catalogue = await loadCatalogueDir(isAbsolute(dir) ? dir : join(packageRoot(), dir));
  const outcomes = await importCatalogue(app.database.db, catalogue, { actor: 'seed', reason: `seed catalogue from ${dir}` });
  return outcomes.length;
}

/** First start without stored threat rules: save the shipped config/threats rules as version 1. */
export async function seedThreatRules(app: App): Promise<boolean> {
  if (await loadStoredThreatRules(app.database.db)) return false;
  const dir = app.config.threats.rulesDir;
  const rules = await loadThreatRulesDir(isAbsolute(dir) ? dir : join(packageRoot(), dir));
  await saveThreatRules(app.database.db, rules, { actor: 'seed', reason: `seed threat rules from ${dir}` });
  return true;
}
