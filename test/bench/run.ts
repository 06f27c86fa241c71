/**
 * `npm run bench [-- --corpus DIR]`: throughput and memory of each stage, each against a baseline measured in
 * the same run, printed as one JSON line at the end. Needs the local Postgres and Redis (as the tests do).
 * Each stage runs in a child process of its own, so its peak RSS is its own and not the sum of earlier stages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runStage, STAGES, type StageName } from './stages.js';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' }, stage: { type: 'string' } } });

if (values.stage) {
  // Child mode: run one stage and print its figures.
  const result = await runStage(values.stage as StageName, { corpus: resolve(values.corpus!) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const corpus = resolve(values.corpus!);
  if (!existsSync(join(corpus, 'feeds'))) process.stderr.write(`bench: no corpus at ${corpus}; parse figures skipped (pass --corpus DIR)\n`);
  const results: Record<string, unknown> = {};
  let peak = 0;
  for (const stage of STAGES) {
    if (stage === 'parse' && !existsSync(join(corpus, 'feeds'))) continue;
    process.stderr.write(`bench: ${stage}…\n`);
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--stage', stage, '--corpus', corpus], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    const figures = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown> & { stage_peak_rss_mb: number };
    process.stderr.write(`bench: ${stage}: ${JSON.stringify(figures)}\n`);
    peak = Math.max(peak, figures.stage_peak_rss_mb);
    const { stage_peak_rss_mb, ...rest } = figures;
    Object.assign(results, rest, { [`${stage}_peak_rss_mb`]: stage_peak_rss_mb });
  }
  results.peak_rss_mb = peak;
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
