import { htmlToText, oneLine } from '../../text/index.js';
import type { XmlElement, XmlNode } from './xml-tree.js';

export type NsTest = (ns: string) => boolean;

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** Child elements named `local` whose namespace passes `ns`. */
export function childrenNamed(parent: XmlElement, local: string, ns: NsTest): XmlElement[] {
  const found: XmlElement[] = [];
  for (const node of parent.children) {
    if (isElement(node) && node.local === local && ns(node.ns)) found.push(node);
  }
  return found;
}

export function childNamed(parent: XmlElement, local: string, ns: NsTest): XmlElement | undefined {
  for (const node of parent.children) {
    if (isElement(node) && node.local === local && ns(node.ns)) return node;
  }
  return undefined;
}

/** The first of the given (namespace, name) candidates that has non-blank text. */
export function firstText(parent: XmlElement, candidates: ReadonlyArray<readonly [NsTest, string]>): string | null {
  for (const [ns, local] of candidates) {
    for (const child of childrenNamed(parent, local, ns)) {
      const text = textOf(child).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

/** An attribute by exact name, else by local name under any prefix ("about" finds "rdf:about"). */
export function attr(element: XmlElement, name: string): string | null {
  const exact = element.attrs.get(name);
  if (exact !== undefined) return exact;
  for (const [key, value] of element.attrs) {
    if (key.endsWith(`:${name}`)) return value;
  }
  return null;
}

/** All descendant text, concatenated. */
export function textOf(element: XmlElement): string {
  if (element.children.length === 1 && typeof element.children[0] === 'string') return element.children[0];
  const parts: string[] = [];
  collectText(element, parts);
  return parts.join('');
}

function collectText(element: XmlElement, parts: string[]): void {
  for (const node of element.children) {
    if (typeof node === 'string') parts.push(node);
    else collectText(node, parts);
  }
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some(isElement);
}

/**
 * The element's content re-serialised as HTML, for "naked" markup written straight into the XML
 * (XHTML content, unescaped HTML in a description). Prefixes are dropped so `xhtml:p` reads as `p`.
 */
export function innerMarkup(element: XmlElement): string {
  const parts: string[] = [];
  serialiseChildren(element, parts);
  return parts.join('');
}

function serialiseChildren(element: XmlElement, parts: string[]): void {
  for (const node of element.children) {
    if (typeof node === 'string') {
      parts.push(escapeText(node));
      continue;
    }
    parts.push(`<${node.local}`);
    for (const [name, value] of node.attrs) {
      if (!name.startsWith('xmlns')) parts.push(` ${name}="${escapeText(value).replace(/"/g, '&quot;')}"`);
    }
    parts.push('>');
    serialiseChildren(node, parts);
    parts.push(`</${node.local}>`);
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Content that is HTML, either escaped into text/CDATA or written as naked markup, as plain text. */
export function htmlContentText(element: XmlElement, base: string | null): string {
  const html = hasElementChildren(element) ? innerMarkup(element) : textOf(element);
  return htmlToText(html, base ?? undefined).text;
}

/** A title that may carry HTML (escaped or naked) as one line of plain text; null when blank. */
export function titleText(element: XmlElement | undefined, base: string | null): string | null {
  if (element === undefined) return null;
  const raw = hasElementChildren(element) ? innerMarkup(element) : textOf(element);
  const text = /[<&]/.test(raw) ? htmlContentText(element, base) : raw;
  return oneLine(text);
}
