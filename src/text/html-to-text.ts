import { Parser } from 'htmlparser2';
import { resolveHttpUrl } from './resolve-url.js';

/** All whitespace runs folded to one space and trimmed; null when nothing is left. For titles and dates. */
export function oneLine(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? null : line;
}

/** C0 controls other than tab and line breaks: not allowed in XML 1.0, never text, left in by broken CMSes. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export interface HtmlText {
  /** Plain text: blocks (and <br><br>) separated by "\n\n", <br> and list items by "\n", other whitespace collapsed. */
  text: string;
  /** Absolute http(s) links of <a href>, in document order, without duplicates. */
  links: string[];
  /** True when the HTML nested deeper than MAX_HTML_DEPTH and conversion stopped there. */
  truncated: boolean;
}

/**
 * Conversion stops at this nesting depth. Real pages stay far below it; htmlparser2 spends O(depth) per tag
 * on its open-element stack, so a page of 100,000 nested tags would otherwise cost minutes of CPU.
 */
export const MAX_HTML_DEPTH = 1_000;

/** Thrown inside a parser callback to stop parsing; never escapes this module. */
class StopParsing extends Error {}

/** Elements whose content is never reader-visible text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe']);

const PARAGRAPH_BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul',
]);

const LINE_BLOCKS = new Set(['li', 'dt', 'dd', 'tr', 'caption', 'option']);

const CELLS = new Set(['td', 'th']);

/** "\n\n" pending wins over "\n" pending, which wins over nothing. */
type PendingBreak = 0 | 1 | 2;

class TextBuilder {
  private readonly parts: string[] = [];
  private pending: PendingBreak = 0;
  private atLineStart = true;
  private lastWasSpace = true;
  /** <br> elements since the last visible text: a second one in a row ends a paragraph. */
  private lineBreaksInRow = 0;

  requestBreak(kind: 1 | 2): void {
    if (kind > this.pending) this.pending = kind;
  }

  /** A <br>. Two in a row ("a<br><br>b") are how editors and Telegram write a paragraph break. */
  requestLineBreak(): void {
    this.lineBreaksInRow += 1;
    this.requestBreak(this.lineBreaksInRow >= 2 ? 2 : 1);
  }

  requestSpace(): void {
    if (!this.atLineStart && !this.lastWasSpace) {
      this.parts.push(' ');
      this.lastWasSpace = true;
    }
  }

  addText(raw: string, preformatted: boolean): void {
    const visible = stripControlChars(raw);
    const text = preformatted ? visible.replace(/\r\n?/g, '\n') : visible.replace(/\s+/g, ' ');
    if (text === '' || (!preformatted && text === ' ' && (this.atLineStart || this.lastWasSpace || this.pending > 0))) return;
    this.lineBreaksInRow = 0;
    this.flushBreak();
    const chunk = !preformatted && (this.atLineStart || this.lastWasSpace) ? text.replace(/^ /, '') : text;
    if (chunk === '') return;
    this.parts.push(chunk);
    this.atLineStart = chunk.endsWith('\n');
    this.lastWasSpace = /\s$/.test(chunk);
  }

  toString(): string {
    return this.parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t\f\v\u00a0]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  private flushBreak(): void {
    if (this.pending === 0) return;
    if (this.parts.length > 0) this.parts.push(this.pending === 2 ? '\n\n' : '\n');
    this.pending = 0;
    this.atLineStart = true;
    this.lastWasSpace = true;
  }
}

export interface HtmlToTextOptions {
  /**
   * Elements whose whole subtree is left out (menus, share buttons...), decided from the tag name and attributes
   * while parsing: linear, where removing them with CSS selectors first costs O(n²) on a wide page.
   */
  skipElement?: (name: string, attribs: Readonly<Record<string, string>>) => boolean;
}

/**
 * Converts an HTML document or fragment to plain text with paragraph structure kept, and collects its links.
 * Relative links resolve against `<base href>` (itself resolved against `baseUrl`) or `baseUrl`.
 */
export function htmlToText(html: string, baseUrl?: string, options: HtmlToTextOptions = {}): HtmlText {
  const builder = new TextBuilder();
  const links = new Set<string>();
  let base = baseUrl;
  /** Depth of the outermost element being skipped, or 0 when text is being kept. */
  let skipFrom = 0;
  let preDepth = 0;
  let depth = 0;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        depth += 1;
        if (depth > MAX_HTML_DEPTH) throw new StopParsing();
        if (name === 'base' && attribs.href !== undefined) base = resolveHttpUrl(attribs.href, base) ?? base;
        if (skipFrom === 0 && (SKIPPED.has(name) || options.skipElement?.(name, attribs) === true)) skipFrom = depth;
        if (skipFrom > 0) return;
        if (name === 'pre') preDepth += 1;
        if (name === 'br') builder.requestLineBreak();
        else if (PARAGRAPH_BLOCKS.has(name)) builder.requestBreak(2);
        else if (LINE_BLOCKS.has(name)) builder.requestBreak(1);
        else if (CELLS.has(name)) builder.requestSpace();
        if (name === 'a' && attribs.href !== undefined) {
          const link = resolveHttpUrl(attribs.href, base);
          if (link !== null) links.add(link);
        }
      },
      ontext(data) {
        if (skipFrom === 0) builder.addText(data, preDepth > 0);
      },
      onclosetag(name) {
        depth -= 1;
        if (skipFrom > 0) {
          if (depth < skipFrom) skipFrom = 0;
          return;
        }
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPH_BLOCKS.has(name)) builder.requestBreak(2);
        else if (LINE_BLOCKS.has(name)) builder.requestBreak(1);
        else if (CELLS.has(name)) builder.requestSpace();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  let truncated = false;
  try {
    parser.end(html);
  } catch (err) {
    if (!(err instanceof StopParsing)) throw err;
    truncated = true;
  }
  return { text: builder.toString(), links: [...links], truncated };
}
