/**
 * A wildcard pattern over normalised words (`kidnapp*`, `barn*rov`, `*خطف*`), compiled to literal segments. Matching
 * anchors the first and last segments and finds the middle ones left to right with indexOf: linear in the word,
 * no regex built from user input, no backtracking.
 */
export interface Glob {
  readonly pattern: string;
  /** The literal text before the first `*` ('' when the pattern starts with `*`). */
  readonly prefix: string;
  matches(word: string): boolean;
}

export function compileGlob(pattern: string): Glob {
  const segments = pattern.split('*');
  const prefix = segments[0] as string;
  const suffix = segments.length > 1 ? (segments[segments.length - 1] as string) : '';
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  const minLength = segments.reduce((sum, s) => sum + s.length, 0);
  return {
    pattern,
    prefix,
    matches(word: string): boolean {
      if (word.length < minLength || !word.startsWith(prefix) || !word.endsWith(suffix)) return false;
      let from = prefix.length;
      const to = word.length - suffix.length;
      for (const segment of middle) {
        const at = word.indexOf(segment, from);
        if (at < 0 || at + segment.length > to) return false;
        from = at + segment.length;
      }
      return true;
    },
  };
}
