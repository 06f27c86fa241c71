/**
 * MinHash with LSH banding: BANDS bands of ROWS rows. Two texts become candidates when one band of their signatures
 * agrees, which happens with probability 1 - (1 - J^ROWS)^BANDS for Jaccard similarity J: 0.94 at J = 0.4 (the default
 * threshold), 0.99 at J = 0.5, 0.82 at J = 0.3. Candidates are then compared exactly (shingles.ts jaccard), so the
 * bands only decide whom to compare with, never whether two texts belong together.
 */
export const BANDS = 16;
export const ROWS = 2;
const SIGNATURE_LENGTH = BANDS * ROWS;

/** Fixed seeds: signatures must agree across processes and releases, since band keys are stored. */
const SEEDS = Int32Array.from({ length: SIGNATURE_LENGTH }, (_, i) => mix32(Math.imul(i + 1, 0x9e3779b1)));

/** murmur3's finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The MinHash signature of a shingle set: per seed, the least permuted hash (as unsigned 32-bit). */
export function minhashSignature(shingles: Int32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    // The shingle is already a well-mixed hash: one multiply and shift per seed is a good enough permutation.
    const h = shingles[s] as number;
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      let v = Math.imul(h ^ (SEEDS[i] as number), 0x9e3779b1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < (signature[i] as number)) signature[i] = v;
    }
  }
  return signature;
}

/**
 * One hash per band (the array index is the band): a 32-bit hash of the band's rows, seeded with the band's number so
 * equal rows in different bands never look alike. Two texts are candidates when any band's hash agrees.
 */
export function bandHashes(signature: Uint32Array): Int32Array {
  const hashes = new Int32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = mix32(b + 1);
    for (let r = 0; r < ROWS; r++) h = mix32(h ^ (signature[b * ROWS + r] as number));
    hashes[b] = h;
  }
  return hashes;
}

const TWO_32 = 2 ** 32;

/**
 * The band hashes as stored keys (threat_case_bands): the band's number in the high bits and its hash in the low
 * ones, so keys of different bands never meet. Fits a JavaScript number and a PostgreSQL bigint exactly.
 */
export function bandKeys(hashes: Int32Array): number[] {
  return Array.from(hashes, (h, band) => band * TWO_32 + (h >>> 0));
}
