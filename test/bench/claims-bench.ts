/**
 * Claim-ranking throughput: queries/s of rankClaims (topK 5) over 10,000 synthetic claims of tweet length.
 * Claims and queries come from a seeded PRNG over a Zipf-distributed vocabulary (function words, then made-up
 * words), so every run ranks the same texts. Run alone with `node dist/test/bench/claims-bench.js`; `npm run bench`
 * imports benchClaims.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildClaimIndex, type Claim, rankClaims } from '../../src/claims/index.js';
import { seededRandom } from './measure.js';

const CLAIMS = 10_000;
const QUERIES = 2_000;
const TOP_K = 5;
const VOCABULARY = 20_000;
const MIN_MEASURE_MS = 1_000;

export async function benchClaims(): Promise<{ claims_queries_per_s: number }> {
  const random = seededRandom(20_240_601);
  const vocabulary = makeVocabulary(random);
  const pickWord = zipfPicker(vocabulary, random);
  const claims: Claim[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    claims.push({ id: `claim-${i}`, text: sentence(pickWord, 12 + Math.floor(random() * 19)) });
  }
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const source = (claims[Math.floor(random() * CLAIMS)] as Claim).text.split(' ');
    const words = source.filter(() => random() < 0.6);
    const noise = sentence(pickWord, 8 + Math.floor(random() * 16)).split(' ');
    queries.push([...words, ...noise].sort(() => random() - 0.5).join(' '));
  }
  const index = buildClaimIndex(claims);
  for (const query of queries.slice(0, 200)) rankClaims(index, query, TOP_K);
  let ranked = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MEASURE_MS) {
    for (const query of queries) rankClaims(index, query, TOP_K);
    ranked += queries.length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { claims_queries_per_s: Math.round(ranked / seconds) };
}

function sentence(pickWord: () => string, words: number): string {
  return Array.from({ length: words }, pickWord).join(' ');
}

/**
 * Made-up content words behind the commonest English function words: as in real text, the head of the frequency
 * curve is function words (which the tokeniser drops) and the content words follow it.
 */
function makeVocabulary(random: () => number): string[] {
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'st', 'tr', 'kl', 'sk'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
  const words = new Set<string>(FUNCTION_WORDS);
  while (words.size < VOCABULARY) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) {
      word += `${onsets[Math.floor(random() * onsets.length)]}${vowels[Math.floor(random() * vowels.length)]}`;
    }
    words.add(word);
  }
  return [...words];
}

const FUNCTION_WORDS = `the of and to a in is that for it as was with be by on not he this are or his from at which but
  have an they you were her she there all we their has been would will if more when who so no can what`.split(/\s+/u);

/** Picks words with probability ∝ 1/rank, like word frequencies in real text. */
function zipfPicker(words: string[], random: () => number): () => string {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  words.forEach((_, rank) => {
    total += 1 / (rank + 1);
    cumulative[rank] = total;
  });
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await benchClaims())}\n`);
}
