import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { bandPrecision, countMissedPosts, listMissedPosts, loadConfiguredModel, markMissedPost, missedPostsJsonl, rulePrecision } from '../../threat-cases/index.js';
import { scoreText } from '../../threat-model/index.js';
import { isThreatLevel, type ThreatLevel } from '../../threats/index.js';
import { parseId, printJson, println, UsageError, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';
import { cliActor } from './cli-actor.js';
import { formatBandPrecision, formatMissedPosts, formatRulePrecision } from './threats-format.js';

/** `threats stats`, `threats miss` and `threats missed`: what reviewers' verdicts and marks say (issue 15, item 4). */
export function registerThreatFeedback(threats: Command, io: CliIo): void {
  threats
    .command('stats')
    .description("Precision per rule and per model score band from reviewers' verdicts, worst rules first; and how many posts were marked missed")
    .option('--json', 'one JSON object per rule, then per band ({"band",…}), then {"missed":n}')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const [rules, bands, missed] = await Promise.all([rulePrecision(app.database.db), bandPrecision(app.database.db), countMissedPosts(app.database.db)]);
        if (opts.json) {
          for (const r of [...rules, ...bands]) printJson(io.stdout, r);
          printJson(io.stdout, { missed });
          return;
        }
        io.stdout.write(`${formatRulePrecision(rules)}\n${formatBandPrecision(bands)}\n${missed} post(s) marked as missed threats: \`vaksam threats missed\`\n`);
      });
    });

  threats
    .command('miss')
    .description('Mark a stored post as a threat the rules and the model missed (audited; marking again updates it)')
    .argument('<post-id>')
    .option('--level <level>', 'the level it has: medium, high or critical', 'high')
    .option('--note <text>', 'why (kept with the mark)')
    .option('--by <name>', 'who marks (default: cli:<os user>)')
    .action(async (postId: string, opts: { level: string; note?: string; by?: string }) => {
      const level = parseMissedLevel(opts.level);
      await withApp(io, 'none', async (app) => {
        const settings = app.config.threats.model;
        const model = settings.enabled ? await loadConfiguredModel(settings.file) : null;
        const score = model === null ? undefined : (text: string, lang: string | undefined) => scoreText(model, text, lang);
        const row = await markMissedPost(app.database.db, { postId: parseId(postId, 'post id'), level, note: opts.note, actor: opts.by ?? cliActor() }, app.now(), score);
        println(io.stdout, `post ${postId} marked as a missed ${row.level} threat (rules said ${row.ruleLevel}${row.modelScore === null ? '' : `, model score ${row.modelScore.toFixed(2)}`})`);
      });
    });

  threats
    .command('missed')
    .description('Posts reviewers marked as missed threats, newest first; --export writes them as JSON lines for retraining')
    .option('--json', 'one JSON object per post (with its text)')
    .option('--export <file>', 'write JSON lines in the threat set format (id, lang, text, threat, family, note)')
    .option('--limit <n>', 'at most this many', '1000')
    .action(async (opts: { json?: boolean; export?: string; limit: string }) => {
      await withApp(io, 'none', async (app) => {
        // The CLI runs with the database's own credentials, i.e. as a security role: texts are included.
        const rows = await listMissedPosts(app.database.db, { withText: true, limit: parseId(opts.limit, '--limit') });
        if (opts.export !== undefined) {
          const path = resolve(opts.export);
          await writeFile(path, missedPostsJsonl(rows), { mode: 0o600 });
          println(io.stdout, `wrote ${rows.filter((r) => (r.text ?? '').length > 0).length} missed post(s) to ${path}`);
        } else if (opts.json) for (const r of rows) printJson(io.stdout, r);
        else io.stdout.write(formatMissedPosts(rows));
      });
    });
}

function parseMissedLevel(raw: string): ThreatLevel {
  if (!isThreatLevel(raw) || raw === 'none' || raw === 'low') throw new UsageError(`--level must be medium, high or critical; got '${raw}'`);
  return raw;
}
