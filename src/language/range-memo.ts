const INITIAL_CAPACITY = 1024;

/**
 * A bounded memo keyed by strings that is looked up with a range of a larger text, so the text is not sliced (and
 * the slice not hashed by a Map) for every word of every post: the caller hashes the range with {@link hashRange}
 * and only a miss allocates the key. Open addressing with linear probing in a table that grows with the vocabulary;
 * hashes, key lengths, keys and values sit in parallel arrays, so a probe compares numbers first and reads one key
 * string, never a value object (a value can be a small integer, such as a word id). When full it starts over, like
 * {@link BoundedCache}, so a hostile post of unique words cannot grow memory without bound.
 */
export class RangeMemo<V> {
  /** Hash per slot; 0 marks an empty slot ({@link hashRange} never returns 0). */
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private lengths = new Int32Array(INITIAL_CAPACITY);
  private keys: string[] = new Array<string>(INITIAL_CAPACITY).fill('');
  private values: Array<V | undefined> = new Array<V | undefined>(INITIAL_CAPACITY).fill(undefined);
  private mask = INITIAL_CAPACITY - 1;
  private size = 0;

  constructor(private readonly maxEntries: number) {}

  /** The value stored for `text.slice(start, end)`, whose {@link hashRange} is `hash`. */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.hashes[slot] as number;
      if (stored === 0) return undefined;
      // startsWith compares natively: a charCodeAt loop costs several times more when texts come in both one-byte
      // and two-byte representations, as posts in Swedish and Arabic do.
      if (stored === hash && this.lengths[slot] === length && text.startsWith(this.keys[slot] as string, start)) return this.values[slot];
    }
  }

  /** Stores `value` under `key` (not already present), whose {@link hashRange} over its whole length is `hash`. */
  set(key: string, value: V, hash: number): void {
    if (this.size >= this.maxEntries) this.clear();
    else if (this.size * 2 >= this.hashes.length) this.resize(this.hashes.length * 2);
    this.place(hash, key, value);
    this.size++;
  }

  /** Forgets every entry. */
  clear(): void {
    this.allocate(INITIAL_CAPACITY);
    this.size = 0;
  }

  private allocate(capacity: number): void {
    this.hashes = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.keys = new Array<string>(capacity).fill('');
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
  }

  private place(hash: number, key: string, value: V): void {
    let slot = hash & this.mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash;
    this.lengths[slot] = key.length;
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  private resize(capacity: number): void {
    const { hashes, keys, values } = this;
    this.allocate(capacity);
    for (let slot = 0; slot < hashes.length; slot++) {
      if (hashes[slot] !== 0) this.place(hashes[slot] as number, keys[slot] as string, values[slot] as V);
    }
  }
}

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text.slice(start, end)`, mixed so its low bits spread; never 0. */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return finishHash(h);
}

/** The last step of {@link hashRange}, for callers that run the FNV steps themselves while scanning. */
export function finishHash(h: number): number {
  return h ^ (h >>> 15) || 1;
}
