import { bandKeys, minhashSignature } from './minhash.js';
import { comparableWords, jaccard, shingleHashes } from './shingles.js';

/** How a text is compared: its shingles (exact comparison) and its LSH band keys (who to compare with). */
export interface TextFingerprint {
  shingles: Int32Array;
  bands: number[];
}

export interface FingerprintOptions {
  /** Words per shingle. */
  shingleWords: number;
  maxShingles: number;
}

export function fingerprintText(text: string, options: FingerprintOptions): TextFingerprint {
  const shingles = shingleHashes(comparableWords(text), options.shingleWords, options.maxShingles);
  return { shingles, bands: bandKeys(minhashSignature(shingles)) };
}

/**
 * Clusters kept per band key. A band shared by this many different faces comes from a common phrase (a template's
 * fixed words), tells little, and would make every text compare with all of them.
 */
export const MAX_PER_BAND = 8;

/** Candidates compared exactly per text. */
export const MAX_COMPARED = 16;

/** A cluster as assignment sees it: its id and the shingles of its face (the first post seen). */
export interface ClusterPrototype {
  id: number;
  shingles: Int32Array;
}

export interface Assignment {
  clusterId: number;
  /** Jaccard similarity to the cluster's face (1 for the face itself). */
  similarity: number;
  created: boolean;
}

/**
 * Clusters by band key, for one assignment run: the store fills it with the stored clusters that share a band with
 * the batch, then assigns the batch's posts in the order they were seen. A post joins the most similar face at or
 * above the threshold, else it opens a cluster of its own and becomes its face. Comparing with the face, never with
 * other members, keeps a cluster from drifting step by step into another text.
 */
export class ClusterIndex {
  private readonly byBand = new Map<number, ClusterPrototype[]>();
  private nextTemporaryId = -1;

  add(cluster: ClusterPrototype, bands: readonly number[]): void {
    for (const band of bands) {
      const list = this.byBand.get(band);
      if (list === undefined) this.byBand.set(band, [cluster]);
      else if (list.length < MAX_PER_BAND && !list.includes(cluster)) list.push(cluster);
    }
  }

  /**
   * The most similar face at or above the threshold among the candidates sharing the most bands with the text (at
   * most MAX_COMPARED of them): more shared bands means a higher expected similarity, and the bound keeps
   * assignment linear when a template makes thousands of texts share a band.
   */
  bestMatch(fingerprint: TextFingerprint, threshold: number): { cluster: ClusterPrototype; similarity: number } | null {
    const hits = new Map<ClusterPrototype, number>();
    for (const band of fingerprint.bands) {
      for (const cluster of this.byBand.get(band) ?? []) hits.set(cluster, (hits.get(cluster) ?? 0) + 1);
    }
    const candidates = [...hits].sort((x, y) => y[1] - x[1] || x[0].id - y[0].id).slice(0, MAX_COMPARED);
    let best: { cluster: ClusterPrototype; similarity: number } | null = null;
    for (const [cluster] of candidates) {
      const similarity = jaccard(fingerprint.shingles, cluster.shingles);
      if (similarity >= threshold && (best === null || similarity > best.similarity)) best = { cluster, similarity };
    }
    return best;
  }

  /** Joins the best cluster or opens one (with a negative id until the store gives it a real one). */
  assign(fingerprint: TextFingerprint, threshold: number): Assignment {
    const match = this.bestMatch(fingerprint, threshold);
    if (match !== null) return { clusterId: match.cluster.id, similarity: match.similarity, created: false };
    const cluster = { id: this.nextTemporaryId--, shingles: fingerprint.shingles };
    this.add(cluster, fingerprint.bands);
    return { clusterId: cluster.id, similarity: 1, created: true };
  }
}
