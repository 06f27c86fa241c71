import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseNarrativeYaml } from '../../catalogue/index.js';
import { getNarrativeVersion } from '../../catalogue-store/index.js';
import { backtestNarrative, type BacktestReport } from '../../classify-store/index.js';
import { printJson, println, type CliIo, UsageError } from '../io.js';
import { withApp } from '../with-app.js';

const DAY_MS = 86_400_000;

export function registerBacktest(program: Command, io: CliIo): void {
  program
    .command('backtest')
    .description('Run a draft narrative over stored posts and show what it would add and drop against the saved version')
    .requiredOption('--narrative <slug>', 'the narrative to compare')
    .option('--rule-file <file>', 'the draft as a narrative YAML file (default: the saved version, to see what it matches)')
    .option('--from <date>', 'first day (YYYY-MM-DD); default 28 days ago')
    .option('--to <date>', 'day after the last (YYYY-MM-DD); default now')
    .option('--samples <n>', 'examples to show of added and of dropped posts', '5')
    .option('--json', 'print the report as one JSON object')
    .action(async (opts: { narrative: string; ruleFile?: string; from?: string; to?: string; samples: string; json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const now = app.now();
        const to = opts.to ? parseDay(opts.to, '--to') : now;
        const from = opts.from ? parseDay(opts.from, '--from') : new Date(now.getTime() - 28 * DAY_MS);
        const draft = opts.ruleFile
          ? parseNarrativeYaml(await readFile(opts.ruleFile, 'utf8'), basename(opts.ruleFile))
          : (await getNarrativeVersion(app.database.db, opts.narrative)).narrative;
        if (draft.slug !== opts.narrative) throw new UsageError(`the rule file is for '${draft.slug}', not '${opts.narrative}'`);
        const report = await backtestNarrative(app.database.db, draft, { from, to, samples: Number(opts.samples) || 5 });
        if (opts.json) printJson(io.stdout, report);
        else io.stdout.write(formatReport(report));
      });
    });
}

function parseDay(raw: string, flag: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} must be a date such as 2026-11-01, got '${raw}'`);
  return date;
}

function formatReport(r: BacktestReport): string {
  const lines = [
    `backtest of ${r.slug} from ${r.from.slice(0, 10)} to ${r.to.slice(0, 10)}: ${r.postsScanned} posts scanned`,
    `  saved version matches ${r.saved}, draft matches ${r.draft}: +${r.added} added, -${r.dropped} dropped, ${r.kept} kept`,
    '',
    '  day         saved  draft  added  dropped',
    ...r.perDay.map((d) => `  ${d.day}  ${pad(d.saved)}  ${pad(d.draft)}  ${pad(d.added)}  ${pad(d.dropped)}`),
  ];
  for (const [title, list] of [['added', r.samples.added], ['dropped', r.samples.dropped]] as const) {
    if (list.length === 0) continue;
    lines.push('', `  examples ${title}:`);
    for (const s of list) lines.push(`  - [${s.at.slice(0, 10)} ${s.stance} ${s.score}] ${s.excerpt}`, `    ${s.url ?? `post ${s.postId}`}  matched: ${s.matched.join(', ') || '(similarity)'}`);
  }
  return `${lines.join('\n')}\n`;
}

const pad = (n: number) => String(n).padStart(5);
