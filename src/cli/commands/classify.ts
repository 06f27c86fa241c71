import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCatalogueDir, type Catalogue } from '../../catalogue/index.js';
import { loadStoredCatalogue } from '../../catalogue-store/index.js';
import { classifyJsonlStream, createClassifyStage } from '../../classify/index.js';
import { packageRoot } from '../../config/index.js';
import { loadStoredThreatRules } from '../../threat-cases/index.js';
import { loadThreatRulesDir, toThreatOutput, type ThreatRules } from '../../threats/index.js';
import { println, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';

export function registerClassify(program: Command, io: CliIo): void {
  program
    .command('classify')
    .description('Classify JSON lines {"id","text","lang"?} from stdin; one result line per input on stdout')
    .requiredOption('--jsonl', 'read and write JSON lines (the only format)')
    .option('--catalogue <dir>', 'narrative YAML folder to use offline, without a database (e.g. config/narratives)')
    .option('--threat-rules <dir>', 'threat rule YAML folder (default: config/threats offline, the stored rules otherwise)')
    .action(async (opts: { catalogue?: string; threatRules?: string }) => {
      const { catalogue, threatRules } = opts.catalogue
        ? { catalogue: await loadCatalogueDir(resolve(opts.catalogue)), threatRules: await loadThreatRulesDir(threatRulesDir(opts.threatRules)) }
        : await storedRules(io, opts.threatRules);
      // The classify worker's classifier and detector: one analyzer, whose lexicon holds both rule sets' words.
      const { classifier, detector } = createClassifyStage(catalogue, threatRules);
      const counts = await classifyJsonlStream(io.stdin, io.stdout, classifier, {
        onInvalidLine: ({ line, message }) => println(io.stderr, `vaksam: line ${line}: ${message}`),
        // The same analysis serves both: each post is normalised and tokenised once.
        detectThreat: (analyzed) => toThreatOutput(detector.assessAnalyzed(analyzed)),
      });
      if (counts.invalid > 0) println(io.stderr, `${counts.classified} classified, ${counts.invalid} invalid line(s) skipped`);
    });
}

/** The stored catalogue and threat rules (the shipped threat rules while the database holds none). */
async function storedRules(io: CliIo, threatRulesFolder?: string): Promise<{ catalogue: Catalogue; threatRules: ThreatRules }> {
  let result: { catalogue: Catalogue; threatRules: ThreatRules } | null = null;
  await withApp(io, 'none', async (app) => {
    const catalogue = (await loadStoredCatalogue(app.database.db)).catalogue;
    const stored = threatRulesFolder ? null : await loadStoredThreatRules(app.database.db);
    result = { catalogue, threatRules: stored?.rules ?? (await loadThreatRulesDir(threatRulesDir(threatRulesFolder))) };
  });
  return result!;
}

function threatRulesDir(dir: string | undefined): string {
  return dir ? resolve(dir) : join(packageRoot(), 'config', 'threats');
}
