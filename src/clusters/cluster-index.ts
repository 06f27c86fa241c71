import { BANDS, bandHashes, minhashSignature } from './minhash.js';
import { comparableWords, jaccardAtLeast, shingleHashes } from './shingles.js';

/** How a text is compared: its shingles (exact comparison) and its LSH band hashes (who to compare with). */
export interface TextFingerprint {
  shingles: Int32Array;
  /** One hash per band, BANDS of them. */
  bands: Int32Array;
}

export interface FingerprintOptions {
  /** Words per shingle. */
  shingleWords: number;
  maxShingles: number;
}

export function fingerprintText(text: string, options: FingerprintOptions): TextFingerprint {
  return fingerprintShingles(shingleHashes(comparableWords(text), options.shingleWords, options.maxShingles));
}

/** The fingerprint of stored shingles: band hashes are derived from them, so they never need storing. */
export function fingerprintShingles(shingles: Int32Array): TextFingerprint {
  return { shingles, bands: bandHashes(minhashSignature(shingles)) };
}

/**
 * Clusters kept per band hash. A band shared by this many different faces comes from a common phrase (a template's
 * fixed words), tells little, and would make every text compare with all of them. The first clusters indexed keep
 * their places.
 */
export const MAX_PER_BAND = 8;

/** Candidates compared exactly per text. */
export const MAX_COMPARED = 16;

/** A cluster as assignment sees it: its id, the shingles and band hashes of its face (the first post seen). */
export interface IndexedCluster {
  /** Negative while the cluster exists only in this index (opened by {@link ClusterIndex.assign}, not yet stored). */
  id: number;
  readonly fingerprint: TextFingerprint;
  /** When it entered the index: breaks ties between equally good candidates in favour of the older cluster. */
  readonly order: number;
  /** When a post last joined it (or it entered): the least recently used leave a full index first. */
  used: number;
  /** Scratch space of {@link ClusterIndex.bestMatch}: the query that last counted this cluster, and its count. */
  query: number;
  hits: number;
}

export interface Assignment {
  clusterId: number;
  /** Jaccard similarity to the cluster's face (1 for the face itself). */
  similarity: number;
  created: boolean;
}

type BandEntry = IndexedCluster | IndexedCluster[];

/** Candidates sharing more bands first, then the older. */
const byRank = (x: IndexedCluster, y: IndexedCluster) => y.hits - x.hits || x.order - y.order;

/**
 * The LSH index of cluster faces. A post joins the most similar face at or above the threshold, else it opens a
 * cluster of its own and becomes its face. Comparing with the face, never with other members, keeps a cluster from
 * drifting step by step into another text.
 *
 * It may live as long as a worker does (src/cluster-store keeps it in step with the database) and then holds at most
 * `capacity` clusters: when full, the clusters least recently joined or added leave it (a tenth of the capacity at a
 * time), and a later copy of such a text opens a new cluster.
 */
export class ClusterIndex {
  /** Per band: band hash → the clusters with that hash (one, or a list of up to MAX_PER_BAND). */
  private readonly byBand: Map<number, BandEntry>[] = Array.from({ length: BANDS }, () => new Map());
  private readonly byId = new Map<number, IndexedCluster>();
  /** A clock for `order` and `used`. */
  private nextOrder = 0;
  private nextTemporaryId = -1;
  private queries = 0;

  constructor(readonly capacity = Number.POSITIVE_INFINITY) {}

  get size(): number {
    return this.byId.size;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** Indexes a stored cluster (or one just opened) as the most recently used. */
  add(id: number, fingerprint: TextFingerprint): IndexedCluster {
    this.remove(id);
    const order = this.nextOrder++;
    const cluster: IndexedCluster = { id, fingerprint, order, used: order, query: 0, hits: 0 };
    this.byId.set(id, cluster);
    for (let b = 0; b < BANDS; b++) {
      const band = this.byBand[b] as Map<number, BandEntry>;
      const hash = fingerprint.bands[b] as number;
      const entry = band.get(hash);
      if (entry === undefined) band.set(hash, cluster);
      else if (!Array.isArray(entry)) band.set(hash, [entry, cluster]);
      else if (entry.length < MAX_PER_BAND) entry.push(cluster);
    }
    if (this.byId.size > this.capacity) this.evict(cluster);
    return cluster;
  }

  /**
   * Makes room: the least recently used tenth of the capacity leaves at once (never `keep`, the cluster being
   * added), so the sort this takes is paid once per many additions.
   */
  private evict(keep: IndexedCluster): void {
    const leaving = Math.max(this.byId.size - this.capacity, Math.ceil(this.capacity / 10));
    const byUse = [...this.byId.values()].filter((c) => c !== keep).sort((x, y) => x.used - y.used);
    for (let i = 0; i < leaving && i < byUse.length; i++) this.remove((byUse[i] as IndexedCluster).id);
  }

  remove(id: number): void {
    const cluster = this.byId.get(id);
    if (cluster === undefined) return;
    this.byId.delete(id);
    for (let b = 0; b < BANDS; b++) {
      const band = this.byBand[b] as Map<number, BandEntry>;
      const hash = cluster.fingerprint.bands[b] as number;
      const entry = band.get(hash);
      if (entry === cluster) band.delete(hash);
      else if (Array.isArray(entry)) {
        const at = entry.indexOf(cluster);
        if (at >= 0) entry.splice(at, 1);
        if (entry.length === 1) band.set(hash, entry[0] as IndexedCluster);
      }
    }
  }

  /** Gives a cluster opened here its stored id. */
  rename(temporaryId: number, id: number): void {
    const cluster = this.byId.get(temporaryId);
    if (cluster === undefined) return;
    this.byId.delete(temporaryId);
    cluster.id = id;
    this.byId.set(id, cluster);
  }

  /**
   * The most similar face at or above the threshold among the candidates sharing the most bands with the text (at
   * most MAX_COMPARED of them, older first on equal counts): more shared bands means a higher expected similarity,
   * and the bound keeps assignment linear when a template makes thousands of texts share a band.
   */
  bestMatch(fingerprint: TextFingerprint, threshold: number): { cluster: IndexedCluster; similarity: number } | null {
    // Counting bands per candidate in the clusters themselves keeps this linear in the band entries visited.
    const query = ++this.queries;
    const candidates: IndexedCluster[] = [];
    const tally = (cluster: IndexedCluster) => {
      if (cluster.query === query) cluster.hits++;
      else {
        cluster.query = query;
        cluster.hits = 1;
        candidates.push(cluster);
      }
    };
    for (let b = 0; b < BANDS; b++) {
      const entry = (this.byBand[b] as Map<number, BandEntry>).get(fingerprint.bands[b] as number);
      if (entry === undefined) continue;
      if (Array.isArray(entry)) for (const cluster of entry) tally(cluster);
      else tally(entry);
    }
    if (candidates.length === 0) return null;
    // Only a text sharing bands with many faces needs ranking to pick which MAX_COMPARED to compare.
    if (candidates.length > MAX_COMPARED) candidates.sort(byRank);
    let best: { cluster: IndexedCluster; similarity: number } | null = null;
    for (let i = 0; i < candidates.length && i < MAX_COMPARED; i++) {
      const cluster = candidates[i] as IndexedCluster;
      const similarity = jaccardAtLeast(fingerprint.shingles, cluster.fingerprint.shingles, best?.similarity ?? threshold);
      if (similarity < 0) continue;
      if (best === null || similarity > best.similarity || (similarity === best.similarity && byRank(cluster, best.cluster) < 0)) best = { cluster, similarity };
    }
    return best;
  }

  /** Joins the best cluster (now the most recently used) or opens one, with a negative id until {@link rename}. */
  assign(fingerprint: TextFingerprint, threshold: number): Assignment {
    const match = this.bestMatch(fingerprint, threshold);
    if (match !== null) {
      match.cluster.used = this.nextOrder++;
      return { clusterId: match.cluster.id, similarity: match.similarity, created: false };
    }
    const cluster = this.add(this.nextTemporaryId--, fingerprint);
    return { clusterId: cluster.id, similarity: 1, created: true };
  }
}
