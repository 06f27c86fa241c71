import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/** A YAML file read into a plain value, with what is needed to point at positions in it. */
export interface LocatedYaml {
  value: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

/** `file:line:col` of a key path; `key` points at an (unknown) key in the map at the path, `offset` into a string. */
export type Locate = (path: readonly PropertyKey[], key?: string, offset?: number) => string;

/** Alias expansions allowed in one file: far more than a hand-written file uses, far fewer than an alias bomb needs. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML text into a plain value. Problems come back as `file:line:col message` lines, never as an exception:
 * syntax errors, duplicate keys, and an alias bomb (aliases that would expand into millions of nodes), which yaml
 * reports only as a ReferenceError without a position.
 */
export function parseYamlLocated(text: string, fileName: string): LocatedYaml | { problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => `${at(e.pos[0])} ${e.message.split('\n')[0] ?? ''}`) };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, doc, lineCounter };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAlias(doc);
    const where = at(alias?.range?.[0] ?? 0);
    return { problems: [`${where} too many YAML aliases: they would expand past ${MAX_ALIAS_COUNT} copies (an alias bomb?); write the values out instead`] };
  }
}

function firstAlias(doc: Document): Node | null {
  let found: Node | null = null;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** Locates key paths of a parsed document: the deepest node of the path that exists (a missing key: its parent). */
export function yamlLocator(doc: Document, lineCounter: LineCounter, source: string, fileName: string): Locate {
  return (path, key, offset) => {
    const { line, col } = lineCounter.linePos(offsetOf(doc, source, path, key, offset));
    return `${fileName}:${line}:${col}`;
  };
}

function offsetOf(doc: Document, source: string, path: readonly PropertyKey[], key: string | undefined, offset: number | undefined): number {
  let node: Node | null = doc.contents;
  let at = node?.range?.[0] ?? 0;
  for (const step of path) {
    const next = childOf(node, step);
    if (next === undefined) break;
    node = next.node;
    at = next.at;
  }
  if (key !== undefined) return childOf(node, key)?.keyAt ?? at;
  const range = isScalar(node) ? node.range : undefined;
  if (offset !== undefined && isScalar(node) && typeof node.value === 'string' && range) {
    const found = source.slice(range[0], range[1]).indexOf(node.value.trim());
    if (found >= 0) return range[0] + found + offset;
  }
  return at;
}

function childOf(node: Node | null, step: PropertyKey): { node: Node | null; at: number; keyAt: number } | undefined {
  if (isAlias(node)) return undefined;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === step);
    if (pair === undefined) return undefined;
    const keyAt = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
    const value = pair.value as Node | null;
    return { node: value, at: value?.range?.[0] ?? keyAt, keyAt };
  }
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step] as Node | undefined;
    if (item === undefined) return undefined;
    const at = item.range?.[0] ?? 0;
    return { node: item, at, keyAt: at };
  }
  return undefined;
}
