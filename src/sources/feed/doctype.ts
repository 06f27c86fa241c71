export interface DoctypeSplit {
  /** The document with its DOCTYPE declaration (internal subset included) removed. */
  text: string;
  /** The removed declaration, or null when the prologue had none. */
  doctype: string | null;
  /** Names of the general and parameter entities the DOCTYPE declared (never expanded). */
  entityNames: string[];
  /** True when an entity refers to an external resource (SYSTEM/PUBLIC): the XXE shape. */
  hasExternalEntity: boolean;
}

/**
 * Removes the DOCTYPE from the prologue before the XML is parsed, so no entity it declares can ever be
 * expanded (billion laughs) or fetched (XXE), and markup inside the internal subset cannot leak into the tree.
 * Only the prologue is scanned: a "<!DOCTYPE" inside CDATA or text later on is content.
 */
export function splitDoctype(text: string): DoctypeSplit {
  const start = findDoctypeStart(text);
  if (start < 0) return { text, doctype: null, entityNames: [], hasExternalEntity: false };
  const end = findDeclarationEnd(text, start + '<!doctype'.length);
  const doctype = text.slice(start, end);
  const entities = [...doctype.matchAll(/<!ENTITY\s+(%\s+)?([^\s"'>]+)\s*([^>]*)/gi)];
  return {
    text: text.slice(0, start) + text.slice(end),
    doctype,
    entityNames: entities.map((m) => m[2] ?? ''),
    hasExternalEntity: entities.some((m) => /^(SYSTEM|PUBLIC)\b/i.test(m[3] ?? '')),
  };
}

/** Index of "<!DOCTYPE" after BOM, whitespace, the XML declaration, processing instructions and comments. */
function findDoctypeStart(text: string): number {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\ufeff' || ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i += 1;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else {
      return text.slice(i, i + 9).toLowerCase() === '<!doctype' ? i : -1;
    }
  }
  return -1;
}

/**
 * End (exclusive) of the declaration: the first ">" outside quotes, comments and the [ … ] subset.
 * A declaration that never closes (unbalanced quote or bracket) ends at its first ">" instead, so the
 * feed after it is still parsed.
 */
function findDeclarationEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) break;
      i = end + 2;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[') {
      depth += 1;
    } else if (ch === ']') {
      depth = Math.max(0, depth - 1);
    } else if (ch === '>' && depth === 0) {
      return i + 1;
    }
  }
  const firstClose = text.indexOf('>', from);
  return firstClose < 0 ? text.length : firstClose + 1;
}
