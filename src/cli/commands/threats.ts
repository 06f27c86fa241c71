import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../config/index.js';
import {
  CASE_STATUSES,
  CASE_VERDICTS,
  isCaseVerdict,
  exportCaseEvidence,
  getCase,
  isCaseStatus,
  listCases,
  loadStoredThreatRules,
  purgeDismissedCases,
  restoreThreatRules,
  reviewCase,
  saveThreatRules,
  threatRulesHistory,
} from '../../threat-cases/index.js';
import { createThreatDetector, isThreatLevel, loadThreatRulesDir, THREAT_LEVELS, threatRulesToYamlFiles, toThreatOutput } from '../../threats/index.js';
import { loadThreatModelFile, modelOpinion } from '../../threat-model/index.js';
import { parseId, printJson, println, UsageError, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';
import { cliActor } from './cli-actor.js';
import { registerCaseRecords } from './case-records.js';
import { registerThreatFeedback } from './threats-feedback.js';
import { formatAssessment, formatCaseDetail, formatCaseTable } from './threats-format.js';
import { registerWatchlist } from './watchlist.js';

/** Registers `vaksam threats …` and `vaksam watchlist …` (security coordinators' and admins' commands). */
export function registerThreats(program: Command, io: CliIo): void {
  const threats = program.command('threats').description('The threat review queue: list, show, review, export evidence; threat rules and precision');

  threats
    .command('list')
    .description('Threat cases, most severe and newest first')
    .option('--status <status>', `one of ${CASE_STATUSES.join(', ')}`)
    .option('--level <level>', `one of ${THREAT_LEVELS.filter((l) => l !== 'none').join(', ')}`)
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per case')
    .action(async (opts: { status?: string; level?: string; limit: string; json?: boolean }) => {
      const filter = { status: parseStatus(opts.status), level: parseLevel(opts.level), limit: parseId(opts.limit, '--limit') };
      await withApp(io, 'none', async (app) => {
        const rows = await listCases(app.database.db, filter);
        if (opts.json) for (const r of rows) printJson(io.stdout, r);
        else io.stdout.write(formatCaseTable(rows));
      });
    });

  threats
    .command('show')
    .description('A case: its posts with the signals marked, source links, earlier posts by the author, history')
    .argument('<id>')
    .option('--json', 'the case as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const detail = await getCase(app.database.db, parseId(id));
        if (opts.json) printJson(io.stdout, detail);
        else io.stdout.write(formatCaseDetail(detail));
      });
    });

  threats
    .command('review')
    .description('Record a verdict: new → acknowledged → escalated (with --police-ref) | dismissed; or a note or assignment')
    .argument('<id>')
    .option('--status <status>', `new status: ${CASE_STATUSES.filter((s) => s !== 'new').join(', ')}`)
    .option('--note <text>', 'what was decided and why (kept in the case history)')
    .option('--assign <name>', 'who handles the case')
    .option('--police-ref <ref>', 'police report reference (required to escalate)')
    .option('--verdict <verdict>', `${CASE_VERDICTS.join(', ')} (default: acknowledging or escalating confirms, dismissing says not-a-threat)`)
    .option('--right-level <level>', 'with --verdict wrong-level: the level that is right (low, medium, high, critical)')
    .option('--by <name>', 'who reviews (default: cli:<os user>)')
    .action(async (id: string, opts: { status?: string; note?: string; assign?: string; policeRef?: string; verdict?: string; rightLevel?: string; by?: string }) => {
      const status = parseStatus(opts.status);
      if (opts.verdict !== undefined && !isCaseVerdict(opts.verdict)) throw new UsageError(`--verdict must be one of ${CASE_VERDICTS.join(', ')}; got '${opts.verdict}'`);
      const verdict = opts.verdict as (typeof CASE_VERDICTS)[number] | undefined;
      await withApp(io, 'none', async (app) => {
        const review = { actor: opts.by ?? cliActor(), status, note: opts.note, assignee: opts.assign, policeRef: opts.policeRef, verdict, verdictLevel: parseLevel(opts.rightLevel, '--right-level') };
        const now = await reviewCase(app.database.db, parseId(id), review, app.now());
        println(io.stdout, `case ${id}: ${now}`);
      });
    });

  threats
    .command('export')
    .description('Write an evidence pack for a police report: case-<id>.html (printable) and case-<id>.json')
    .argument('<id>')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--by <name>', 'who exports (default: cli:<os user>)')
    .action(async (id: string, opts: { out: string; by?: string }) => {
      await withApp(io, 'none', async (app) => {
        const written = await exportCaseEvidence(app.database.db, parseId(id), resolve(opts.out), opts.by ?? cliActor(), app.now());
        println(io.stdout, `${written.htmlPath}\n${written.jsonPath}\nSHA-256 json ${written.jsonSha256}\nSHA-256 html ${written.htmlSha256}`);
      });
    });

  threats
    .command('purge')
    .description('Remove the post texts of cases dismissed longer ago than the retention period (escalated cases are kept)')
    .option('--dismissed-older-than <days>', 'days since dismissal (default: threats.dismissedRetentionDays)')
    .action(async (opts: { dismissedOlderThan?: string }) => {
      await withApp(io, 'none', async (app) => {
        const days = opts.dismissedOlderThan === undefined ? app.config.threats.dismissedRetentionDays : parseId(opts.dismissedOlderThan, '--dismissed-older-than');
        const outcome = await purgeDismissedCases(app.database.db, { olderThanDays: days, now: app.now(), actor: cliActor() });
        println(io.stdout, `removed the texts of ${outcome.posts} post(s) in ${outcome.cases} dismissed case(s)${outcome.reports > 0 ? `, and of ${outcome.reports} staff report(s)` : ''}`);
      });
    });

  threats
    .command('check')
    .description('Assess a text with the shipped (or given) rules, offline; prints the level and the signals')
    .argument('<text>')
    .option('--rules <dir>', 'threat rules folder (default: the shipped config/threats)')
    .option('--model <file>', 'threat model weights (default: the shipped config/threat-model.json)')
    .option('--json', 'the assessment as {"level","categories","signals","model":{"score","threshold","suggested","version"}}')
    .action(async (text: string, opts: { rules?: string; model?: string; json?: boolean }) => {
      const detector = createThreatDetector(await loadThreatRulesDir(opts.rules === undefined ? fromPackage('config/threats') : resolve(opts.rules)));
      const model = await loadThreatModelFile(opts.model === undefined ? fromPackage('config/threat-model.json') : resolve(opts.model));
      const assessment = detector.assess({ text });
      const opinion = modelOpinion(model, assessment.level, text);
      const modelView = { score: opinion.score, threshold: model.threshold, suggested: opinion.suggested, version: model.version };
      if (opts.json) printJson(io.stdout, { ...toThreatOutput(assessment), model: modelView });
      else io.stdout.write(`${formatAssessment(text, assessment)}model ${model.version}: score ${opinion.score.toFixed(2)} (threshold ${model.threshold})${opinion.suggested ? ', would be suggested for review' : ''}\n`);
    });

  registerThreatFeedback(threats, io);
  registerCaseRecords(threats, io);
  registerRules(threats, io);
  registerWatchlist(program, io);
}

function registerRules(threats: Command, io: CliIo): void {
  const rules = threats.command('rules').description('Threat lexicons and rules: import, export, history, restore (every change is versioned and audited)');

  rules
    .command('import')
    .description('Load config/threats/<lang>.yaml files into the database as a new version (when changed)')
    .argument('<dir>')
    .option('--reason <text>', 'why, for the audit log', 'import')
    .option('--by <name>', 'who (default: cli:<os user>)')
    .action(async (dir: string, opts: { reason: string; by?: string }) => {
      const loaded = await loadThreatRulesDir(resolve(dir));
      await withApp(io, 'none', async (app) => {
        const outcome = await saveThreatRules(app.database.db, loaded, { actor: opts.by ?? cliActor(), reason: opts.reason });
        println(io.stdout, outcome.changed ? `threat rules saved as version ${outcome.version}` : `threat rules unchanged (version ${outcome.version})`);
      });
    });

  rules
    .command('export')
    .description('Write the rules in force as YAML files (round-trips with import)')
    .argument('<dir>')
    .action(async (dir: string) => {
      await withApp(io, 'none', async (app) => {
        const stored = await loadStoredThreatRules(app.database.db);
        const current = stored?.rules ?? (await loadThreatRulesDir(fromPackage(app.config.threats.rulesDir)));
        await mkdir(dir, { recursive: true });
        const files = threatRulesToYamlFiles(current);
        for (const file of files) await writeFile(join(dir, file.fileName), file.text);
        println(io.stdout, `wrote ${files.length} rule file(s) to ${dir}${stored ? ` (version ${stored.version})` : ' (shipped rules; none stored yet)'}`);
      });
    });

  rules
    .command('history')
    .description('Every version of the threat rules: who, when, why')
    .action(async () => {
      await withApp(io, 'none', async (app) => {
        const history = await threatRulesHistory(app.database.db);
        if (history.length === 0) println(io.stdout, 'no threat rules stored yet: the shipped config/threats rules are in force');
        history.forEach((v, i) => println(io.stdout, `v${v.version}${i === 0 ? '*' : ' '} ${v.createdAt.toISOString()}  ${v.fingerprint}  ${v.createdBy}  ${v.reason}`));
      });
    });

  rules
    .command('restore')
    .description('Make an old version current again (saved as a new version; history is kept)')
    .argument('<version>')
    .option('--reason <text>', 'why, for the audit log', 'restored from the CLI')
    .action(async (version: string, opts: { reason: string }) => {
      await withApp(io, 'none', async (app) => {
        const outcome = await restoreThreatRules(app.database.db, parseId(version, 'version'), { actor: cliActor(), reason: opts.reason });
        println(io.stdout, `version ${version} restored as version ${outcome.version}`);
      });
    });
}

function parseStatus(raw: string | undefined) {
  if (raw === undefined) return undefined;
  if (!isCaseStatus(raw)) throw new UsageError(`--status must be one of ${CASE_STATUSES.join(', ')}; got '${raw}'`);
  return raw;
}

function parseLevel(raw: string | undefined, option = '--level') {
  if (raw === undefined) return undefined;
  if (!isThreatLevel(raw) || raw === 'none') throw new UsageError(`${option} must be one of low, medium, high, critical; got '${raw}'`);
  return raw;
}

function fromPackage(dir: string): string {
  return isAbsolute(dir) ? dir : resolve(packageRoot(), dir);
}
