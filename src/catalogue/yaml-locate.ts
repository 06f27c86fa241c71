import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** `file:line:col` of a key path in a narrative file; `key` points at an (unknown) key, `offset` into a query string. */
export type Locate = (path: readonly PropertyKey[], key?: string, offset?: number) => string;

export function yamlLocator(doc: Document, lineCounter: LineCounter, source: string, fileName: string): Locate {
  return (path, key, offset) => {
    const { line, col } = lineCounter.linePos(offsetOf(doc, source, path, key, offset));
    return `${fileName}:${line}:${col}`;
  };
}

/** The deepest node of the path that exists (a missing key points at its parent), then the key or query offset. */
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
