/**
 * The evaluation protocol of issue 15. With no file it scores the repository's sets, threats and narratives, on the
 * tuning half and the test half separately (split once by `evalHalf(id)`); rules are tuned on the tuning half only, so
 * this never prints the test half's mistakes or ids, only its figures. Tables go to stderr, one JSON line to stdout.
 *
 *   npm run eval                                              # test/eval/sets/{threats,narratives}.jsonl, both halves
 *   npm run eval -- --dev ../shared/eval/dev.jsonl            # + the shared dev set as a third, separate figure
 *   npm run eval -- --offensive ../shared/corpus/threats      # + false alarms at high+ on offensive-language corpora
 *   npm run eval -- --public test/eval/public                 # + recall on public English threat-labelled data
 *   npm run eval -- --mistakes                                # + the tuning half's (and dev's) mistakes
 *   npm run eval -- --model FILE                              # another threat model than config/threat-model.json
 *   npm run eval -- FILE                                      # narratives on one labelled file, as before
 *
 * Options --rules DIR and --catalogue DIR choose other rules; --threats FILE and --narratives FILE other sets.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { createClassifyStage } from '../../src/classify/index.js';
import { loadThreatRulesDir, type ThreatDetector } from '../../src/threats/index.js';
import { evaluateClassifier, mistakes as narrativeMistakes, parseLabelled, reportNarratives, type EvalReport, type LabelledPost } from './classify-eval.js';
import { evalHalf } from './halves.js';
import { evaluateModel, modelTable, offensiveSuggestions, unseenPublicHalf, type ModelReport } from './model-eval.js';
import { loadThreatModelFile, type ThreatModel } from '../../src/threat-model/index.js';
import { narrativeTable, publicTable, threatTable, type PublicReport } from './protocol-tables.js';
import {
  evaluateThreats,
  offensiveFalseAlarms,
  parseLabelledThreats,
  readOffensiveCorpora,
  threatFigures,
  withServicesContext,
  type LabelledThreatPost,
} from './threats-eval.js';

const USAGE = 'usage: npm run eval -- [--dev FILE] [--offensive DIR] [--public FILE|DIR] [--mistakes] [--model FILE] [--rules DIR] [--catalogue DIR] [--threats FILE] [--narratives FILE] | FILE\n';

/** The parts a set is scored on: its two halves, and the shared dev set when given. */
type Parts<T> = Array<{ part: 'tune' | 'test' | 'dev'; posts: T[] }>;

function splitHalves<T extends { id: string }>(posts: readonly T[]): Parts<T> {
  return [
    { part: 'tune', posts: posts.filter((p) => evalHalf(p.id) === 'tune') },
    { part: 'test', posts: posts.filter((p) => evalHalf(p.id) === 'test') },
  ];
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function threatParts(setFile: string, devFile: string | undefined): Promise<Parts<LabelledThreatPost>> {
  const text = await readIfPresent(setFile);
  if (text === undefined) throw new Error(`${setFile}: the threat evaluation set is missing (see test/eval/sets/THREATS.md)`);
  const parts = splitHalves(parseLabelledThreats(text, setFile));
  if (devFile !== undefined) parts.push({ part: 'dev', posts: parseLabelledThreats(await readFile(devFile, 'utf8'), devFile) });
  return parts;
}

/** The narrative set's halves (none while the set is missing: it arrives separately) and the dev set. */
async function narrativeParts(setFile: string, devFile: string | undefined): Promise<{ parts: Parts<LabelledPost>; missing: boolean }> {
  const text = await readIfPresent(setFile);
  const parts = text === undefined ? [] : splitHalves(parseLabelled(text, setFile));
  if (devFile !== undefined) parts.push({ part: 'dev', posts: parseLabelled(await readFile(devFile, 'utf8'), devFile) });
  return { parts, missing: text === undefined };
}

/** The labelled files under PATH: the file itself, or every .jsonl file in the directory. */
async function publicFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  return (await readdir(path)).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(path, f));
}

async function publicReports(detector: ThreatDetector, path: string): Promise<PublicReport[]> {
  const out: PublicReport[] = [];
  for (const file of await publicFiles(path)) {
    const posts = parseLabelledThreats(await readFile(file, 'utf8'), file);
    const withContext = posts.map((p) => ({ ...p, text: withServicesContext(p.text, p.lang) }));
    out.push({ file, asWritten: threatFigures(evaluateThreats(detector, posts)), withContext: threatFigures(evaluateThreats(detector, withContext)) });
  }
  return out;
}

/** The model on the set's halves, the public data's unseen half and the offensive corpora's unseen half. */
async function modelReports(model: ThreatModel, detector: ThreatDetector, threats: Parts<LabelledThreatPost>, publicPath: string | undefined, offensiveDir: string | undefined) {
  const parts = threats.map(({ part, posts }) => ({ part, report: evaluateModel(model, detector, posts) }));
  const publicSets: Array<{ file: string; report: ModelReport }> = [];
  for (const file of publicPath === undefined ? [] : await publicFiles(publicPath)) {
    publicSets.push({ file, report: evaluateModel(model, detector, unseenPublicHalf(parseLabelledThreats(await readFile(file, 'utf8'), file))) });
  }
  const offensive = offensiveDir === undefined ? [] : offensiveSuggestions(model, await readOffensiveCorpora(offensiveDir));
  return { parts, public: publicSets, offensive };
}

/** A narrative report without the ids of wrongly detected languages, which must not leave the tuning half. */
function narrativeFigures(report: EvalReport): Omit<EvalReport, 'languageDetection'> & { languageDetection: { accuracy: number } } {
  return { ...report, languageDetection: { accuracy: report.languageDetection.accuracy } };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rules: { type: 'string', default: 'config/threats' },
      catalogue: { type: 'string', default: 'config/narratives' },
      threats: { type: 'string', default: 'test/eval/sets/threats.jsonl' },
      narratives: { type: 'string', default: 'test/eval/sets/narratives.jsonl' },
      dev: { type: 'string' },
      offensive: { type: 'string' },
      public: { type: 'string' },
      mistakes: { type: 'boolean', default: false },
      model: { type: 'string', default: 'config/threat-model.json' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE);
    return;
  }
  if (positionals[0] !== undefined) {
    await reportNarratives(positionals[0], values.catalogue);
    return;
  }
  // The classify worker's classifier and detector: one analyzer, whose lexicon holds both rule sets' words.
  const { classifier, detector } = createClassifyStage(await loadCatalogueDir(values.catalogue), await loadThreatRulesDir(values.rules));

  const threats = (await threatParts(values.threats, values.dev)).map(({ part, posts }) => ({ part, posts, report: evaluateThreats(detector, posts) }));
  const { parts: narrativeSets, missing: narrativeSetMissing } = await narrativeParts(values.narratives, values.dev);
  const narratives = narrativeSets.map(({ part, posts }) => ({ part, posts, report: evaluateClassifier(classifier, posts) }));
  const offensive = values.offensive === undefined ? [] : await offensiveFalseAlarms(detector, values.offensive);
  const publicSets = values.public === undefined ? [] : await publicReports(detector, values.public);

  const model = await modelReports(await loadThreatModelFile(values.model), detector, threats, values.public, values.offensive);

  process.stderr.write(`${threatTable(detector.version, threats, offensive)}\n\n`);
  process.stderr.write(`${modelTable(model.parts, model.public, model.offensive)}\n\n`);
  if (publicSets.length > 0) process.stderr.write(`${publicTable(publicSets)}\n\n`);
  if (narrativeSetMissing) process.stderr.write(`narratives: ${values.narratives} not found, so the narrative set's halves are not scored (issue 15 adds the set)\n\n`);
  if (narratives.length > 0) process.stderr.write(`${narrativeTable(classifier.version, narratives)}\n\n`);
  if (values.mistakes) {
    for (const { part, report } of threats.filter((t) => t.part !== 'test')) {
      process.stderr.write(`threat mistakes, ${part}:\n${report.mistakes.join('\n') || '(none)'}\n\n`);
    }
    for (const { part, posts } of narrativeSets.filter((n) => n.part !== 'test')) {
      process.stderr.write(`narrative mistakes, ${part}:\n${narrativeMistakes(classifier, posts).join('\n') || '(none)'}\n\n`);
    }
  }
  process.stdout.write(
    `${JSON.stringify({
      rules_version: detector.version,
      catalogue_version: classifier.version,
      threats: Object.fromEntries(threats.map(({ part, report }) => [part, threatFigures(report)])),
      narratives: { ...Object.fromEntries(narratives.map(({ part, report }) => [part, narrativeFigures(report)])), ...(narrativeSetMissing ? { missing: values.narratives } : {}) },
      offensive: offensive.map(({ examples: _e, ...o }) => o),
      public: publicSets,
      model: { parts: Object.fromEntries(model.parts.map(({ part, report }) => [part, report])), public: model.public, offensive: model.offensive },
    })}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
