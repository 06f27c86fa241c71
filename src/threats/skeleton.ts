/**
 * A consonant skeleton of a normalised name, the same for its Latin and Arabic spellings: Mohammed, Muhammad,
 * Mohamad and «محمد» → `mhmd`; Khalid and «خالد» → `hld`; Yusuf and «يوسف» → `jsf`. Vowels and weak letters
 * (Arabic ا و ي ع ء, Latin vowels, w/v and y) drop out except at the start of the word, where they leave `V` (a vowel)
 * or their consonant (w, j); doubled letters collapse; a final h (Sarah, «سارة») drops. Similar sounds share a class:
 * ث/ت/ط/th → t, ذ/ض/dh → d, ص/س → s, ش/sh/sch/sj/tj/ch → S, ق/ك/q/c/ck → k, ح/خ/ه/kh/h → h, غ/gh → g, p → b.
 */
export function nameSkeleton(norm: string): string {
  const out: string[] = [];
  const chars = [...norm];
  for (let i = 0; i < chars.length; ) {
    const initial = out.length === 0;
    const [sound, width] = soundAt(chars, i, initial);
    if (sound !== '' && out[out.length - 1] !== sound) out.push(sound);
    i += width;
  }
  if (out.length > 1 && out[out.length - 1] === 'h' && endsWithSilentH(chars)) out.pop();
  return out.join('');
}

const LATIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'å', 'ä', 'ö', 'æ', 'ø']);

const DIGRAPHS: ReadonlyArray<[string, string]> = [
  ['sch', 'S'],
  ['skj', 'S'],
  ['stj', 'S'],
  ['sh', 'S'],
  ['sj', 'S'],
  ['tj', 'S'],
  ['ch', 'S'],
  ['kh', 'h'],
  ['gh', 'g'],
  ['th', 't'],
  ['dh', 'd'],
  ['ph', 'f'],
  ['ck', 'k'],
  ['qu', 'k'],
  ['dj', 'j'],
];

const LATIN: Record<string, string> = {
  b: 'b', p: 'b', d: 'd', f: 'f', g: 'g', h: 'h', j: 'j', k: 'k', q: 'k', l: 'l', m: 'm', n: 'n', r: 'r', s: 's',
  t: 't', x: 'ks', z: 'z',
};

const ARABIC: Record<string, string> = {
  '\u0628': 'b', '\u067e': 'b', '\u062a': 't', '\u062b': 't', '\u0637': 't', '\u062c': 'j', '\u062d': 'h',
  '\u062e': 'h', '\u0647': 'h', '\u062f': 'd', '\u0630': 'd', '\u0636': 'd', '\u0631': 'r', '\u0632': 'z',
  '\u0638': 'z', '\u0633': 's', '\u0635': 's', '\u0634': 'S', '\u0686': 'S', '\u063a': 'g', '\u06af': 'g',
  '\u0641': 'f', '\u06a4': 'w', '\u0642': 'k', '\u0643': 'k', '\u0644': 'l', '\u0645': 'm', '\u0646': 'n',
};

/** Arabic letters that are vowels or glides in names: alef, hamza forms, ayn. */
const ARABIC_VOWELS = new Set(['\u0627', '\u0621', '\u0639', '\u0626', '\u0624', '\u0622', '\u0623', '\u0625']);
const WAW = '\u0648';
const YEH = '\u064a';

function soundAt(chars: readonly string[], i: number, initial: boolean): [string, number] {
  const ch = chars[i] as string;
  for (const [graph, sound] of DIGRAPHS) {
    if (matchesAt(chars, i, graph)) return [sound, graph.length];
  }
  if (ch >= '0' && ch <= '9') return [ch, 1];
  if (ch === 'c') return [/[eiy]/u.test(chars[i + 1] ?? '') ? 's' : 'k', 1];
  if (ch === 'w' || ch === 'v' || ch === WAW) return [initial ? 'w' : '', 1];
  if (ch === 'y' || ch === YEH) return [initial ? 'j' : '', 1];
  if (LATIN_VOWELS.has(ch) || ARABIC_VOWELS.has(ch)) return [initial ? 'V' : '', 1];
  return [LATIN[ch] ?? ARABIC[ch] ?? '', 1];
}

function matchesAt(chars: readonly string[], i: number, graph: string): boolean {
  for (let k = 0; k < graph.length; k++) if (chars[i + k] !== graph[k]) return false;
  return true;
}

/** Sarah, Fatimah, «فاطمة» (teh marbuta, folded to heh): the h only marks a final vowel. */
function endsWithSilentH(chars: readonly string[]): boolean {
  const last = chars[chars.length - 1];
  const before = chars[chars.length - 2] ?? '';
  if (last === '\u0647') return true;
  return last === 'h' && (LATIN_VOWELS.has(before) || before === 'l');
}
