/**
 * Builds test/eval/sets/clusters.jsonl from the hand-written clusters-bases.jsonl (README beside the sets):
 * each base text, the hand-written paraphrase when there is
 * one, and seven copies with the edits copy-pasters make. Deterministic (seeded per group), so the set is reproducible:
 *
 *   node dist/test/eval/build-cluster-set.js test/eval/sets/clusters-bases.jsonl > test/eval/sets/clusters.jsonl
 */
import { readFileSync } from 'node:fs';
import { seededRandom } from '../bench/measure.js';

interface Base {
  group: string;
  lang: 'sv' | 'ar' | 'en';
  text: string;
  paraphrase: string | null;
  /** A different text on the same topic (a fact-check quoting the claim, a news item): its own group, no copies. */
  topic?: boolean;
}

export interface ClusterItem {
  id: string;
  group: string;
  lang: string;
  kind: 'original' | 'edit' | 'paraphrase' | 'topic';
  edit?: string;
  text: string;
}

/** The bench's seeded generator, seeded from a text, so every build gives the same edits. */
function random(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return seededRandom(seed);
}

const LEAD: Record<Base['lang'], string[]> = { sv: ['Läs detta:', 'Viktigt!', 'Kolla:'], ar: ['اقرأوا:', 'عاجل:', 'مهم جدا:'], en: ['Read this:', 'Important!', 'Look:'] };
const INSERT: Record<Base['lang'], string[]> = { sv: ['faktiskt', 'verkligen alltså', 'helt ärligt'], ar: ['والله', 'فعلا', 'بكل صراحة'], en: ['really', 'honestly', 'for real'] };
const TAGS: Record<Base['lang'], string[]> = { sv: ['#LVU', '#socialen', '#slutakidnappavårabarn'], ar: ['#أوقفوا_خطف_أطفالنا', '#السويد', '#السوسيال'], en: ['#LVU', '#StopKidnappingOurChildren', '#Sweden'] };
const HOMOGLYPHS: Record<string, string> = { a: 'а', o: 'о', e: 'е', c: 'с', p: 'р' };
const TASHKEEL = ['\u064e', '\u0650', '\u0651'];

const pick = <T>(list: readonly T[], rand: () => number): T => list[Math.floor(rand() * list.length)] as T;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Applies `change` to one word picked at random among the longer ones. */
function changeOneWord(text: string, rand: () => number, change: (word: string) => string): string {
  const list = words(text);
  const candidates = list.map((w, i) => (w.length >= 4 ? i : -1)).filter((i) => i >= 0);
  const i = pick(candidates, rand);
  list[i] = change(list[i] as string);
  return list.join(' ');
}

function disguise(word: string, lang: Base['lang']): string {
  if (lang === 'ar') return word.slice(0, 2) + TASHKEEL[word.length % 3] + '\u0640' + word.slice(2);
  return [...word].map((ch) => HOMOGLYPHS[ch] ?? ch).join('');
}

/** The sentences in reverse order (one-sentence texts: the second half first). */
function reorder(text: string): string {
  const sentences = text.match(/[^.!?؟]+[.!?؟]*/gu)?.map((x) => x.trim()).filter(Boolean) ?? [text];
  if (sentences.length > 1) return sentences.reverse().join(' ');
  const list = words(text);
  const half = Math.floor(list.length / 2);
  return [...list.slice(half), ...list.slice(0, half)].join(' ');
}

/** The edits people make when they copy a post: formatting, a changed word, retweet wrappers, trimming, an aside. */
function edits(base: Base): Array<{ edit: string; text: string }> {
  const rand = random(base.group);
  const lang = base.lang;
  const list = words(base.text);
  return [
    { edit: 'format', text: `🚨 ${base.text.toUpperCase().replace(/[.!?]$/, '')}!!! https://t.co/${Math.floor(rand() * 1e8).toString(36)}` },
    { edit: 'word+tag', text: `${changeOneWord(base.text, rand, () => pick(INSERT[lang], rand))} ${pick(TAGS[lang], rand)}` },
    { edit: 'retweet+homoglyph', text: `RT @user${Math.floor(rand() * 1000)}: ${changeOneWord(base.text, rand, (w) => disguise(w, lang))} @${pick(['kompis', 'friend', 'sahbi'], rand)}` },
    { edit: 'lead+trim', text: `${pick(LEAD[lang], rand)} ${list.slice(0, list.length - 2).join(' ')}` },
    {
      edit: 'heavy',
      text: (() => {
        let text = list.slice(0, list.length - 3).join(' ');
        for (let k = 0; k < 3; k++) text = changeOneWord(text, rand, () => pick(INSERT[lang], rand));
        return `${pick(LEAD[lang], rand)} ${text}`;
      })(),
    },
    { edit: 'reorder', text: reorder(base.text) },
    {
      edit: 'aside',
      text: (() => {
        const at = 2 + Math.floor(rand() * (list.length - 4));
        return [...list.slice(0, at), pick(INSERT[lang], rand), ...list.slice(at)].join(' ');
      })(),
    },
  ];
}

export function buildClusterSet(bases: readonly Base[]): ClusterItem[] {
  const items: ClusterItem[] = [];
  for (const base of bases) {
    if (base.topic) {
      items.push({ id: `${base.group}-t`, group: base.group, lang: base.lang, kind: 'topic', text: base.text });
      continue;
    }
    items.push({ id: `${base.group}-o`, group: base.group, lang: base.lang, kind: 'original', text: base.text });
    edits(base).forEach((e, i) => items.push({ id: `${base.group}-e${i + 1}`, group: base.group, lang: base.lang, kind: 'edit', edit: e.edit, text: e.text }));
    if (base.paraphrase) items.push({ id: `${base.group}-p`, group: base.group, lang: base.lang, kind: 'paraphrase', text: base.paraphrase });
  }
  return items;
}

if (process.argv[1]?.endsWith('build-cluster-set.js')) {
  const file = process.argv[2] ?? 'test/eval/sets/clusters-bases.jsonl';
  const bases = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Base);
  for (const item of buildClusterSet(bases)) process.stdout.write(`${JSON.stringify(item)}\n`);
}
