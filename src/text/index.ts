export { exceedsNestingDepth } from './html-depth.js';
export { htmlToText, MAX_HTML_DEPTH, oneLine, stripControlChars, type HtmlText } from './html-to-text.js';
export { parseDate } from './parse-date.js';
export { parseUntrustedJson } from './safe-json.js';
export { resolveHttpUrl, resolveUrlLeniently } from './resolve-url.js';
export { hasUnstorable, storableJson, storableText } from './storable.js';
export { parseYamlLocated, yamlLocator, type Locate, type LocatedYaml } from './yaml.js';
