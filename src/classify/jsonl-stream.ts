import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AnalyzedText } from '../language/index.js';
import type { Classifier } from './classifier.js';
import type { ClassifyInput, ClassifyResult } from './types.js';

/** A line that could not be classified: 1-based line number and what was wrong with it. */
export interface InvalidLine {
  line: number;
  message: string;
}

export interface JsonlOptions {
  /** Called for each invalid line; the stream goes on with the next line. */
  onInvalidLine?: (invalid: InvalidLine) => void;
  /** Fills the `threat` field from the same analysis (threat detection); `null` when absent. */
  detectThreat?: (analyzed: AnalyzedText, input: ClassifyInput) => unknown;
}

export interface JsonlCounts {
  /** Non-blank lines read. */
  lines: number;
  classified: number;
  invalid: number;
}

/**
 * `vaksam classify --jsonl`: reads `{"id","text","lang"?}` lines and writes one line per valid input, exactly
 * `{"id","lang","narratives":[{"slug","score","stance","matched":[…]}],"threat":null}`. Invalid lines are reported
 * with their line number and skipped; output honours back-pressure.
 */
export async function classifyJsonlStream(input: Readable, output: Writable, classifier: Classifier, options: JsonlOptions = {}): Promise<JsonlCounts> {
  const counts: JsonlCounts = { lines: 0, classified: 0, invalid: 0 };
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim().length === 0) continue;
    counts.lines++;
    const parsed = parseInputLine(line);
    if (typeof parsed === 'string') {
      counts.invalid++;
      options.onInvalidLine?.({ line: lineNumber, message: parsed });
      continue;
    }
    const analyzed = classifier.analyzer.analyze(parsed.text, { lang: parsed.lang, source: parsed.source, author: parsed.author, url: parsed.url });
    const result = classifier.classifyAnalyzed(parsed.id, analyzed);
    const threat = options.detectThreat?.(analyzed, parsed) ?? null;
    counts.classified++;
    if (!output.write(`${JSON.stringify(toOutputLine(result, threat))}\n`)) await once(output, 'drain');
  }
  return counts;
}

/** The exact public shape of one output line (explanations beyond `matched` stay in the full result). */
export function toOutputLine(result: ClassifyResult, threat: unknown = null): unknown {
  return {
    id: result.id,
    lang: result.lang,
    narratives: result.narratives.map((n) => ({ slug: n.slug, score: n.score, stance: n.stance, matched: n.matched })),
    threat,
  };
}

/** The input of one line, or a message saying what is wrong with it. */
export function parseInputLine(line: string): ClassifyInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `invalid JSON: ${(err as Error).message}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object with "id" and "text"';
  const obj = value as Record<string, unknown>;
  if (typeof obj.id !== 'string' && typeof obj.id !== 'number') return 'missing "id" (a string or number)';
  if (typeof obj.text !== 'string') return 'missing "text" (a string)';
  for (const key of ['lang', 'source', 'author', 'url'] as const) {
    if (obj[key] !== undefined && obj[key] !== null && typeof obj[key] !== 'string') return `"${key}" must be a string`;
  }
  return {
    id: obj.id,
    text: obj.text,
    ...(typeof obj.lang === 'string' && obj.lang.length > 0 ? { lang: obj.lang } : {}),
    ...(typeof obj.source === 'string' ? { source: obj.source } : {}),
    ...(typeof obj.author === 'string' ? { author: obj.author } : {}),
    ...(typeof obj.url === 'string' ? { url: obj.url } : {}),
  };
}
