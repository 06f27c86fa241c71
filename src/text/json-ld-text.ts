import { parseUntrustedJson } from './safe-json.js';

/**
 * Wrappers CMSes put around the JSON of a `<script type="application/ld+json">` block, longest first so that
 * "//]]>" is taken whole rather than leaving "//" behind. In an HTML script element they are plain text, so
 * JSON.parse sees them and fails.
 */
const OPENERS = ['/*<![CDATA[*/', '//<![CDATA[', '<![CDATA[', '<!--'];
const CLOSERS = ['/*]]>*/', '//]]>', ']]>', '//-->', '-->'];

/** The JSON inside a JSON-LD script block, without `<![CDATA[ … ]]>` or `<!-- … -->` wrappers (also nested). */
export function unwrapJsonLd(text: string): string {
  let body = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const opener of OPENERS) {
      if (body.startsWith(opener)) {
        body = body.slice(opener.length).trimStart();
        changed = true;
      }
    }
    for (const closer of CLOSERS) {
      if (body.endsWith(closer)) {
        body = body.slice(0, -closer.length).trimEnd();
        changed = true;
      }
    }
  }
  return body;
}

/**
 * Parses a JSON-LD script block as pages publish it: wrappers stripped, and when strict JSON fails, once more with
 * the two slips CMS templates make most (raw line breaks or tabs inside strings, and a comma before `}` or `]`)
 * repaired. Unsafe keys are dropped as parseUntrustedJson does. Throws SyntaxError when it is still not JSON.
 */
export function parseJsonLdText(text: string): unknown {
  const body = unwrapJsonLd(text);
  try {
    return parseUntrustedJson(body);
  } catch (error) {
    const repaired = repairJson(body);
    if (repaired === body) throw error;
    return parseUntrustedJson(repaired);
  }
}

/** One linear pass: control characters inside strings escaped, trailing commas outside strings dropped. */
function repairJson(json: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  let pendingComma = '';
  for (let i = 0; i < json.length; i += 1) {
    const char = json[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      out += char < ' ' ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char;
      continue;
    }
    if (pendingComma !== '') {
      if (char === ' ' || char === '\n' || char === '\r' || char === '\t') {
        pendingComma += char;
        continue;
      }
      if (char !== '}' && char !== ']') out += pendingComma;
      pendingComma = '';
    }
    if (char === ',') {
      pendingComma = ',';
      continue;
    }
    if (char === '"') inString = true;
    out += char;
  }
  return out + pendingComma;
}
