import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import { resolveUrlLeniently, stripControlChars } from '../../text/index.js';
import { splitDoctype } from './doctype.js';
import { namespaceKey, undeclaredPrefixKey } from './namespaces.js';

/** One XML element with its namespace resolved to a key (see namespaces.ts) and names lower-cased. */
export interface XmlElement {
  local: string;
  prefix: string;
  ns: string;
  /** Attribute names lower-cased, prefixes kept ("xml:base", "rdf:about"). */
  attrs: ReadonlyMap<string, string>;
  /** Decoded text (CDATA included) and child elements, in document order. */
  children: XmlNode[];
  /** Effective xml:base (resolved), or null when neither this element nor an ancestor sets one. */
  base: string | null;
  /** Effective xml:lang, or null. */
  lang: string | null;
}

export type XmlNode = XmlElement | string;

export interface XmlDocument {
  /** The first top-level element, or null for a document without any. */
  root: XmlElement | null;
  warnings: string[];
}

/** The five entities XML predefines; any other named entity is not well-formed without a DTD. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/**
 * Parsing stops at this nesting depth: no feed nests this deep, htmlparser2's open-element stack costs
 * O(depth) per tag, and tree walks stay bounded.
 */
const MAX_DEPTH = 512;

const MAX_NAMES_IN_WARNING = 5;

/** Thrown inside a parser callback to stop parsing; never escapes parseXml. */
class StopParsing extends Error {}

/**
 * Parses XML tolerantly (htmlparser2 in xmlMode): unclosed or mismatched elements are closed where they end,
 * HTML named entities are decoded leniently, and no DTD entity is ever expanded or fetched.
 * Problems become warnings; this never throws.
 */
export function parseXml(source: string, documentUrl?: string): XmlDocument {
  const warnings: string[] = [];
  const { text, doctype, entityNames, hasExternalEntity } = splitDoctype(source);
  if (doctype !== null && entityNames.length > 0) {
    warnings.push(
      `DOCTYPE declares ${entityNames.length} entit${entityNames.length === 1 ? 'y' : 'ies'} (${listNames(entityNames)})` +
        `${hasExternalEntity ? ', some external' : ''}; they were not expanded or fetched and stay as literal references`,
    );
  }
  const builder = new TreeBuilder(documentUrl ?? null, new Set(entityNames));
  const parser: Parser = new Parser(builder.handlers(() => text[parser.endIndex - 1] === '/'), {
    xmlMode: true,
    decodeEntities: false,
    recognizeCDATA: true,
    recognizeSelfClosing: true,
  });
  try {
    parser.end(text);
  } catch (err) {
    if (!(err instanceof StopParsing)) throw err;
  }
  warnings.push(...builder.warnings());
  return { root: builder.root, warnings };
}

function listNames(names: string[]): string {
  const shown = names.slice(0, MAX_NAMES_IN_WARNING).join(', ');
  return names.length > MAX_NAMES_IN_WARNING ? `${shown}, …` : shown;
}

/** Elements of a feed item that hold only text: another item field opening inside one means it was left open. */
const TEXT_ONLY_FIELDS = new Set(['title', 'link', 'guid', 'pubdate', 'author', 'category', 'comments', 'id', 'updated', 'published']);

/** Item-level element names; see TEXT_ONLY_FIELDS. */
const ITEM_FIELDS = new Set([...TEXT_ONLY_FIELDS, 'description', 'enclosure', 'source', 'summary', 'content', 'item', 'entry']);

/** Shared by the many elements without attributes (most of a feed), never written to. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

const NO_NAMESPACES: ReadonlyMap<string, string> = new Map();

function hasKeys(record: Record<string, string>): boolean {
  for (const _ in record) return true;
  return false;
}

function declaresNamespaces(attrs: ReadonlyMap<string, string>): boolean {
  for (const key of attrs.keys()) if (key === 'xmlns' || key.startsWith('xmlns:')) return true;
  return false;
}

/** A new prefix scope: most elements declare nothing and share their parent's. */
function withDeclarations(inherited: ReadonlyMap<string, string>, attrs: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const scope = new Map(inherited);
  for (const [key, value] of attrs) {
    if (key === 'xmlns') scope.set('', value.trim());
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value.trim());
  }
  return scope;
}

interface OpenElement {
  element: XmlElement;
  /** The name as htmlparser2 reports it, lower-cased, to match its close events. */
  qname: string;
  scope: ReadonlyMap<string, string>;
}

class TreeBuilder {
  root: XmlElement | null = null;
  private readonly stack: OpenElement[] = [];
  private inCdata = false;
  private readonly unclosed: string[] = [];
  private readonly undefinedEntities = new Set<string>();
  private extraRoots = 0;
  private stoppedTooDeep = false;

  constructor(
    private readonly documentUrl: string | null,
    /** Entities the stripped DTD declared: already reported, not "undefined". */
    private readonly declaredEntities: ReadonlySet<string>,
  ) {}

  /**
   * htmlparser2 reports both "<x/>" and an element left open as an implied close; `isSelfClosing` tells
   * them apart by looking at the source just before the closing ">".
   */
  handlers(isSelfClosing: () => boolean): ConstructorParameters<typeof Parser>[0] {
    return {
      onopentag: (name, attribs) => this.open(name, attribs),
      onclosetag: (name, isImplied) => this.close(name, isImplied && !isSelfClosing()),
      ontext: (data) => this.text(data),
      oncdatastart: () => {
        this.inCdata = true;
      },
      oncdataend: () => {
        this.inCdata = false;
      },
    };
  }

  warnings(): string[] {
    const warnings: string[] = [];
    if (this.unclosed.length > 0) {
      warnings.push(`malformed XML: ${this.unclosed.length} element(s) not closed properly (${listNames(this.unclosed)}); parsed as far as it goes`);
    }
    if (this.undefinedEntities.size > 0) {
      warnings.push(`malformed XML: entities not defined in XML (${listNames([...this.undefinedEntities])}) decoded as HTML entities where known`);
    }
    if (this.extraRoots > 0) warnings.push(`malformed XML: ${this.extraRoots} element(s) after the root element ignored`);
    if (this.stoppedTooDeep) warnings.push(`malformed XML: elements nested deeper than ${MAX_DEPTH} levels; parsing stopped there`);
    return warnings;
  }

  private open(rawName: string, attribs: Record<string, string>): void {
    const qname = rawName.toLowerCase();
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    this.closeLeftOpenFields(prefix, local);
    if (this.stack.length >= MAX_DEPTH) {
      this.stoppedTooDeep = true;
      throw new StopParsing();
    }
    const top = this.stack.at(-1);
    const parent = top?.element;
    const inherited = top?.scope ?? NO_NAMESPACES;
    const attrs = hasKeys(attribs) ? this.attributes(attribs) : NO_ATTRIBUTES;
    const scope = declaresNamespaces(attrs) ? withDeclarations(inherited, attrs) : inherited;
    const uri = scope.get(prefix);
    const explicitBase = attrs.get('xml:base');
    const inheritedBase = parent?.base ?? null;
    const element: XmlElement = {
      local,
      prefix,
      ns: uri !== undefined ? namespaceKey(uri) : prefix === '' ? '' : undeclaredPrefixKey(prefix),
      attrs,
      children: [],
      base: explicitBase === undefined ? inheritedBase : resolveUrlLeniently(explicitBase, inheritedBase ?? this.documentUrl),
      lang: attrs.get('xml:lang')?.trim() || (parent?.lang ?? null),
    };
    if (parent) parent.children.push(element);
    else if (this.root === null) this.root = element;
    else this.extraRoots += 1;
    this.stack.push({ element, qname, scope });
  }

  private attributes(attribs: Record<string, string>): Map<string, string> {
    const attrs = new Map<string, string>();
    for (const [name, value] of Object.entries(attribs)) attrs.set(name.toLowerCase(), this.decode(value));
    return attrs;
  }

  /**
   * A truncated or sloppy feed leaves "<title>" or "<item>" open; without this the rest of the feed would
   * become that title's text. Items never nest, and text-only fields never contain item fields.
   */
  private closeLeftOpenFields(prefix: string, local: string): void {
    if (prefix !== '' || !ITEM_FIELDS.has(local)) return;
    for (;;) {
      const top = this.stack.at(-1)?.element;
      if (!top || top.prefix !== '') return;
      const leftOpen = TEXT_ONLY_FIELDS.has(top.local) || (top.local === local && (local === 'item' || local === 'entry'));
      if (!leftOpen) return;
      this.stack.pop();
      this.unclosed.push(top.local);
    }
  }

  private close(rawName: string, isImplied: boolean): void {
    const qname = rawName.toLowerCase();
    const index = this.stack.findLastIndex((open) => open.qname === qname);
    // Not found: closeLeftOpenFields already closed it.
    if (index < 0) return;
    const closed = this.stack.splice(index);
    if (isImplied) this.unclosed.push(qname);
    for (const inner of closed.slice(1)) this.unclosed.push(inner.qname);
  }

  private text(data: string): void {
    const parent = this.stack.at(-1)?.element;
    if (!parent) return;
    parent.children.push(stripControlChars(this.inCdata ? data : this.decode(data)));
  }

  private decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    for (const m of raw.matchAll(/&([a-zA-Z][a-zA-Z0-9]*);/g)) {
      const name = m[1] ?? '';
      if (!XML_ENTITIES.has(name) && !this.declaredEntities.has(name) && this.undefinedEntities.size < 50) {
        this.undefinedEntities.add(`&${name};`);
      }
    }
    return decodeHTMLStrict(raw);
  }
}
