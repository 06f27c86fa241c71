/**
 * The tables `npm run eval` prints (test/eval/run.ts): one column per part of a set (tuning half, test half, dev),
 * figures only, so the test half's posts never show.
 */
import type { EvalReport, Prf as NarrativePrf } from './classify-eval.js';
import type { FamilyRate, OffensiveRate, Prf, ThreatEvalReport, ThreatFigures } from './threats-eval.js';

export interface PublicReport {
  file: string;
  asWritten: ThreatFigures;
  /** The same posts behind a neutral social-services opening: the data is not about social services. */
  withContext: ThreatFigures;
}

interface Column<R> {
  part: string;
  posts: readonly unknown[];
  report: R;
}

const LABEL_WIDTH = 28;
const CELL_WIDTH = 24;

function row(label: string, cells: readonly string[]): string {
  return `${label.padEnd(LABEL_WIDTH)}${cells.map((c) => c.padEnd(CELL_WIDTH)).join('')}`.trimEnd();
}

function prfCell(p: Prf | undefined): string {
  return p === undefined ? '–' : `P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)}`;
}

function rateCell(r: FamilyRate | undefined): string {
  return r === undefined ? '–' : `${r.hits}/${r.posts} ${r.rate.toFixed(2)}`;
}

/** Rows for a keyed table of rates (families or styles), in the order the keys first appear. */
function rateRows(columns: ReadonlyArray<Column<ThreatEvalReport>>, pick: (r: ThreatEvalReport) => Record<string, FamilyRate>, relevant: boolean): string[] {
  const keys = [...new Set(columns.flatMap((c) => Object.keys(pick(c.report))))].filter((k) => columns.some((c) => pick(c.report)[k]?.relevant === relevant));
  return keys.map((k) => row(`  ${k}`, columns.map((c) => rateCell(pick(c.report)[k]))));
}

export function threatTable(rulesVersion: string, columns: ReadonlyArray<Column<ThreatEvalReport>>, offensive: readonly OffensiveRate[]): string {
  const header = row(`threats (rules ${rulesVersion})`, columns.map((c) => `${c.part} (${c.posts.length} posts)`));
  const langs = [...new Set(columns.flatMap((c) => Object.keys(c.report.perLanguage)))].sort();
  const lines = [
    header,
    row('high+ (high and critical)', columns.map((c) => prfCell(c.report.highPlus))),
    ...langs.map((lang) => row(`high+ ${lang}`, columns.map((c) => prfCell(c.report.perLanguage[lang])))),
    row('critical (exact level)', columns.map((c) => prfCell(c.report.perLevel.critical))),
    row('mobilization', columns.map((c) => prfCell(c.report.mobilization))),
    row('none raised above low', columns.map((c) => `${c.report.noneAboveLow.raised}/${c.report.noneAboveLow.posts}`)),
    '',
    'threat-relevant families: caught (gold level, or high for doxxing/threat/critical) / posts',
    ...rateRows(columns, (r) => r.perFamily, true),
    'negative families: raised above low / posts',
    ...rateRows(columns, (r) => r.perFamily, false),
    'styles of threat-relevant posts: caught / posts',
    ...rateRows(columns, (r) => r.perStyle, true),
  ];
  if (offensive.length > 0) lines.push('', 'offensive-language corpora: raised to high+ / posts (as written; behind a social-services opening)');
  for (const o of offensive) {
    lines.push(`  ${o.corpus.padEnd(LABEL_WIDTH - 2)}${o.highPlus}/${o.posts} (${(o.rate * 100).toFixed(2)} %); ${o.withContextHighPlus}/${o.posts} (${(o.withContextRate * 100).toFixed(2)} %)`);
  }
  return lines.join('\n');
}

export function publicTable(reports: readonly PublicReport[]): string {
  const lines = [row('public threat-labelled data', ['as written', 'behind a services opening'])];
  for (const r of reports) {
    lines.push(r.file, row('  high+', [prfCell(r.asWritten.highPlus), prfCell(r.withContext.highPlus)]));
    for (const family of Object.keys(r.withContext.perFamily)) {
      const label = r.withContext.perFamily[family]?.relevant ? `  ${family} caught` : `  ${family} raised`;
      lines.push(row(label, [rateCell(r.asWritten.perFamily[family]), rateCell(r.withContext.perFamily[family])]));
    }
  }
  return lines.join('\n');
}

function f1Cell(p: NarrativePrf | undefined): string {
  return p === undefined ? '–' : `P ${p.precision.toFixed(2)} R ${p.recall.toFixed(2)} F ${p.f1.toFixed(2)}`;
}

export function narrativeTable(catalogueVersion: string, columns: ReadonlyArray<Column<EvalReport>>): string {
  const langs = [...new Set(columns.flatMap((c) => Object.keys(c.report.perLanguage)))].sort();
  const slugs = [...new Set(columns.flatMap((c) => Object.keys(c.report.perNarrative)))];
  return [
    row(`narratives (catalogue ${catalogueVersion})`, columns.map((c) => `${c.part} (${c.posts.length} posts)`)),
    row('micro', columns.map((c) => f1Cell(c.report.micro))),
    ...langs.map((lang) => row(`  ${lang}`, columns.map((c) => f1Cell(c.report.perLanguage[lang])))),
    ...slugs.map((slug) => row(`  ${slug}`, columns.map((c) => f1Cell(c.report.perNarrative[slug])))),
    row('countering as spreading', columns.map((c) => `${c.report.counteringAsSpreading.spreading}/${c.report.counteringAsSpreading.posts}`)),
    row('concern as spreading', columns.map((c) => `${c.report.concern.spreading}/${c.report.concern.posts} (concern ${c.report.concern.recognised})`)),
  ].join('\n');
}
