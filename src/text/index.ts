export { exceedsNestingDepth } from './html-depth.js';
export { htmlToText, MAX_HTML_DEPTH, oneLine, stripControlChars, type HtmlText, type HtmlToTextOptions } from './html-to-text.js';
export { parseDate } from './parse-date.js';
export { parseUntrustedJson } from './safe-json.js';
export { resolveHttpUrl, resolveUrlLeniently } from './resolve-url.js';
export { type ParseDateOptions } from './parse-date.js';
export { isTimeZone, wallTimeToInstant } from './time-zone.js';
export { parseJsonLdText, unwrapJsonLd } from './json-ld-text.js';
export { MicrosecondInstant, parsePreciseInstant } from './precise-instant.js';
