/**
 * A large deterministic set of hostile and ordinary posts for the classify stage's differential test: fragments of
 * the labelled sets (narrative and threat wording in sv/en/ar) and of the bench's ordinary posts, mixed and then
 * mutated the ways real posts and evasions are: look-alike letters, zero-width characters, spaced letters, emoji,
 * quotes, negations, hashtags run together, links, phone numbers, addresses, clock times, staff names, Arabic
 * diacritics and digits, and long or over-long texts. The same seed gives the same posts on every machine.
 */
import { readFileSync } from 'node:fs';
import { ordinaryPosts } from '../bench/ordinary-posts.js';
import { seededRandom } from '../bench/measure.js';

export interface FuzzPost {
  id: string;
  text: string;
  lang?: string;
  source?: string;
  author?: string;
  url?: string;
}

/** Names the fuzzed posts mention (some spelt otherwise); the differential test's watchlist holds the first three. */
export const FUZZ_STAFF_NAMES = ['Lena Berg', 'Mohammed Al-Khalid', 'Sara Lindqvist', 'Ahmad Yusuf', 'Karin Ek'] as const;

const SET_FILES = ['test/eval/sets/narratives.jsonl', 'test/eval/sets/threats.jsonl', 'test/fixtures/classify/own.jsonl', 'test/fixtures/threats/own.jsonl'];

const WORDS = [
  'soc', 'socialen', 'socialtjänsten', 'kidnappar', 'stjäl', 'barn', 'barnen', 'barnrov', 'lvu', 'LVU', 'muslimska',
  'familjehem', 'fläsk', 'alkohol', 'pengar', 'bonus', 'domstol', 'advokat', 'handläggaren', 'socialsekreteraren',
  'döda', 'bränna', 'bränn', 'spränga', 'kniv', 'pistol', 'ikväll', 'imorgon', 'kontoret', 'samlas', 'alla',
  'vi vet var du bor', 'hon bor på', 'hennes namn är', 'råttor', 'kackerlackor', 'inte', 'aldrig', 'polisen',
  'kidnap', 'kidnapping', 'steal', 'children', 'social services', 'kill', 'burn', 'bomb', 'tonight', 'office',
  'we know where you live', 'her name is', 'she lives at', 'rats', 'not', 'never', 'fact check', 'false',
  'السوسيال', 'يخطف', 'خطف', 'الأطفال', 'أطفالنا', 'الخدمات الاجتماعية', 'لحم الخنزير', 'نقتل', 'نحرق', 'سنحرق',
  'المكتب', 'الليلة', 'نعرف أين تسكن', 'لن', 'لا', 'كذب', 'حرب على الإسلام', 'دولة فاشية',
];

const HASHTAGS = [
  '#slutakidnappavårabarn', '#StopKidnappingOurChildren', '#LVU', '#أوقفوا_خطف_أطفالنا', '#اوقفوا_خطف_أولادنا',
  '#السويد_دولة_فاشية', '#brännsoc', '#dödasoc', '#socialtjänsten', '#barnrov', '#sverige', '#KillSocialServices',
];

const EMOJI = ['😡', '🔥', '🔪', '💣', '🧨', '🪓', '⚰️', '👨‍👩‍👧', '🇸🇪', '❤️', '🙏', '😂', '🔫', '✊🏽', '🕌'];
const HOMOGLYPHS: Readonly<Record<string, string>> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', x: '\u0445', i: '\u0456', s: '\u0455' };
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff'];
const QUOTES: ReadonlyArray<[string, string]> = [['"', '"'], ['«', '»'], ['“', '”'], ["'", "'"], ['„', '“']];
const NEGATIONS = ['inte', 'aldrig', 'not', 'never', "don't", 'لن', 'لا', 'ej', 'ingen'];
const LANGS = [undefined, undefined, undefined, 'sv', 'en', 'ar', 'de', 'SV', 'sv-SE', 'xx', ''];
const SOURCES = [undefined, 'telegram', 'rss', 'x', 'mastodon', 'reddit', 'web'];
const PATTERNS = ['070-123 45 67', '+46 70 123 45 67', '08-123 456 78', 'Storgatan 12', 'Kungsvägen 3B, 123 45 Västerås', '12 Main Street', 'kl 9', 'klockan 10:30', '9:00', 'at 1pm', 'شارع النصر 5', '٠٧٠١٢٣٤٥٦٧'];
const LINKS = ['https://t.me/s/kanal/123', 'www.example.com/lvu', 'https://youtu.be/abc', 'http://bit.ly/x?y=1#z', 'example.se'];

/** Texts of the labelled sets, each split into sentences too, as fragments to mix. */
function fragments(): string[] {
  const out: string[] = [];
  for (const file of SET_FILES) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim().length === 0) continue;
      const text = (JSON.parse(line) as { text: string }).text;
      out.push(text);
      for (const sentence of text.split(/(?<=[.!?؟])\s+/u)) if (sentence !== text) out.push(sentence);
    }
  }
  return out;
}

/** `count` posts from `seed`; about one in 2,500 is over the analyzer's 200,000-character cap. */
export function fuzzedPosts(count: number, seed: number): FuzzPost[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const pool = [...fragments(), ...ordinaryPosts(2000, seed)];
  const posts: FuzzPost[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const pieces = 1 + Math.floor(random() * 4);
    for (let k = 0; k < pieces; k++) parts.push(random() < 0.7 ? pick(pool) : pick(WORDS));
    let text = parts.join(random() < 0.5 ? ' ' : random() < 0.5 ? '\n' : '. ');
    const mutations = Math.floor(random() * 5);
    for (let m = 0; m < mutations; m++) text = mutate(text, random, pick);
    if (random() < 0.004) text = text.repeat(Math.ceil(3000 / Math.max(1, text.length)));
    if (i % 2500 === 1234) text = `${text} `.repeat(Math.ceil(205_000 / (text.length + 1)));
    const post: FuzzPost = { id: `f${i}`, text };
    const lang = pick(LANGS);
    if (lang !== undefined) post.lang = lang;
    const source = pick(SOURCES);
    if (source !== undefined) post.source = source;
    if (random() < 0.3) post.author = pick(['@anon', 'Kalle', 'أبو_محمد', '@soc_watch']);
    if (random() < 0.3) post.url = pick(LINKS);
    posts.push(post);
  }
  return posts;
}

function mutate(text: string, random: () => number, pick: <T>(list: readonly T[]) => T): string {
  const words = text.split(' ');
  const at = Math.floor(random() * words.length);
  const word = words[at] ?? '';
  switch (Math.floor(random() * 16)) {
    case 0:
      words[at] = [...word].map((ch) => (random() < 0.5 ? (HOMOGLYPHS[ch] ?? ch) : ch)).join('');
      break;
    case 1:
      words[at] = [...word].map((ch) => (random() < 0.3 ? ch + pick(INVISIBLE) : ch)).join('');
      break;
    case 2:
      words[at] = [...word].join(random() < 0.7 ? ' ' : '.');
      break;
    case 3:
      words.splice(at, 0, pick(EMOJI).repeat(1 + Math.floor(random() * 3)));
      break;
    case 4: {
      const [open, close] = pick(QUOTES);
      const end = Math.min(words.length, at + 1 + Math.floor(random() * 6));
      words[at] = open + word;
      words[end - 1] = (words[end - 1] ?? '') + close;
      break;
    }
    case 5:
      words.splice(at, 0, pick(NEGATIONS));
      break;
    case 6:
      words.splice(at, 0, random() < 0.5 ? pick(HASHTAGS) : `#${words.slice(at, at + 3).join(random() < 0.5 ? '' : '_')}`);
      break;
    case 7:
      words.splice(at, 0, random() < 0.5 ? pick(LINKS) : `@${word.replace(/\W/gu, '') || 'user'}`);
      break;
    case 8:
      words.splice(at, 0, pick(PATTERNS));
      break;
    case 9:
      words.splice(at, 0, pick(FUZZ_STAFF_NAMES).replace(/a/gu, random() < 0.3 ? 'e' : 'a'));
      break;
    case 10:
      words[at] = random() < 0.5 ? word.toUpperCase() : word.normalize('NFD');
      break;
    case 11:
      words[at] = [...word].map((ch) => (/[\u0621-\u064a]/u.test(ch) && random() < 0.5 ? ch + pick(['\u064e', '\u0650', '\u0651', '\u0640']) : ch)).join('');
      break;
    case 12:
      words[at] = word.replace(/[0-9]/gu, (d) => String.fromCharCode(0x660 + Number(d)));
      break;
    case 13:
      words.splice(at, 0, pick(WORDS), pick(WORDS));
      break;
    case 14:
      words[at] = `${word}${pick(['!!!', '?!', '...', ',', ':', '؟', '،'])}`;
      break;
    default:
      words.splice(at, 1);
  }
  return words.join(' ');
}
