import type { QueryNode } from './ast.js';

/**
 * The parse tree as indented text, one node a line, for `vaksam query check`:
 *
 *     OR
 *       AND
 *         word kidnapp*
 *         phrase "våra barn"
 *       field lang:ar
 */
export function formatQueryTree(root: QueryNode): string {
  const lines: string[] = [];
  // An explicit stack, not recursion, so a 10,000-term OR prints without growing the call stack.
  const stack: Array<{ node: QueryNode; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: QueryNode; depth: number };
    lines.push(`${'  '.repeat(depth)}${label(node)}`);
    const children = childrenOf(node);
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k] as QueryNode, depth: depth + 1 });
  }
  return lines.join('\n');
}

function label(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return `${node.text.includes('*') ? 'wildcard' : 'word'} ${node.text}`;
    case 'phrase':
      return `phrase "${node.text}"`;
    case 'field':
      return `field ${node.field}:${node.value}`;
    case 'and':
      return 'AND';
    case 'or':
      return 'OR';
    case 'not':
      return 'NOT';
    case 'near':
      return `${node.ordered ? 'ONEAR' : 'NEAR'}/${node.distance}`;
  }
}

function childrenOf(node: QueryNode): readonly QueryNode[] {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children;
    case 'not':
      return [node.child];
    case 'near':
      return [node.left, node.right];
    default:
      return [];
  }
}
