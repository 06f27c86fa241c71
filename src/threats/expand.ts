/** `{weapon}` in a query or lexicon entry: a reference to the lexicon named weapon. */
const REFERENCE = /\{([a-z0-9]+(?:-[a-z0-9]+)*)\}/gu;
const MAX_NESTING = 5;

/** A lexicon reference that cannot be expanded: unknown name, a cycle, or nested too deep. */
export class LexiconReferenceError extends Error {}

/**
 * Replaces every `{name}` with `(entry OR entry …)` from `lexicons`; entries may refer to other lexicons. An entry that
 * is not one word or one "phrase" is wrapped in parentheses so its operators bind inside it.
 */
export function expandLexicons(query: string, lexicons: Readonly<Record<string, readonly string[]>>): string {
  const done = new Map<string, string>();

  function expandName(name: string, stack: readonly string[]): string {
    const known = done.get(name);
    if (known !== undefined) return known;
    if (stack.includes(name)) throw new LexiconReferenceError(`lexicon '${name}' refers to itself through ${[...stack, name].join(' → ')}`);
    if (stack.length >= MAX_NESTING) throw new LexiconReferenceError(`lexicon '${name}' is nested more than ${MAX_NESTING} levels deep`);
    const entries = lexicons[name];
    if (entries === undefined) {
      const names = Object.keys(lexicons).sort();
      throw new LexiconReferenceError(`unknown lexicon '{${name}}'; defined: ${names.length > 0 ? names.join(', ') : '(none)'}`);
    }
    const expanded = `(${entries.map((entry) => wrap(expandText(entry, [...stack, name]))).join(' OR ')})`;
    done.set(name, expanded);
    return expanded;
  }

  function expandText(text: string, stack: readonly string[]): string {
    return text.replace(REFERENCE, (_, name: string) => expandName(name, stack));
  }

  return expandText(query, []);
}

/** Names of the lexicons a query refers to directly. */

function wrap(entry: string): string {
  if (/^[^\s()"]+$/u.test(entry) || /^"[^"]*"$/u.test(entry)) return entry;
  return `(${entry})`;
}
