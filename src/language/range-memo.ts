const INITIAL_CAPACITY = 1024;
/** Int32 fields per slot of {@link RangeMemo}: hash, key length, key offset, value. */
const SLOT_FIELDS = 4;

/**
 * A memo keyed by strings that is looked up with a range of a larger text, so the text is not sliced (and
 * the slice not hashed by a Map) for every word of every post: the caller hashes the range with {@link hashRange}
 * and only a miss allocates the key. Open addressing with linear probing in a table that grows with the vocabulary;
 * each slot's hash, key length and key offset sit side by side in one typed array and the keys' characters in
 * another, so a probe compares numbers first, then characters, and reads no string or object on the way. Values
 * are integers (word ids, or indices into the caller's array). It never evicts: the caller bounds it with
 * {@link clear}, as {@link WordCache} does per epoch, so a hostile stream of unique words cannot grow memory without
 * bound.
 */
export class RangeMemo {
  /**
   * Per slot, side by side so a probe reads one cache line: the hash (0 marks an empty slot: {@link hashRange} never
   * returns 0), the key's length, where its code units start in {@link chars}, and the value.
   */
  private slots = new Int32Array(INITIAL_CAPACITY * SLOT_FIELDS);
  private capacity = INITIAL_CAPACITY;
  /**
   * The keys' UTF-16 code units, one after another. A probe compares them with the text's in a loop of plain array
   * reads: cheaper than `startsWith` on a key string (a runtime call per word) and than a `charCodeAt` loop over two
   * strings, whose one-byte and two-byte representations (Swedish and Arabic posts) make every read polymorphic.
   */
  private chars = new Uint16Array(INITIAL_CAPACITY * 8);
  private used = 0;
  private mask = INITIAL_CAPACITY - 1;
  private size = 0;

  /** The value stored for `text.slice(start, end)`, whose {@link hashRange} is `hash`, or -1 when there is none. */
  get(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const chars = this.chars;
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * SLOT_FIELDS;
      const stored = slots[at] as number;
      if (stored === 0) return -1;
      if (stored !== hash || slots[at + 1] !== length) continue;
      const offset = (slots[at + 2] as number) - start;
      let i = start;
      while (i < end && chars[offset + i] === text.charCodeAt(i)) i++;
      if (i === end) return slots[at + 3] as number;
    }
  }

  /**
   * Stores `value` (an integer from 0 to 2^31 - 1: an id, or an index into the caller's own array) under `key` (not
   * already present), whose {@link hashRange} over its whole length is `hash`.
   */
  set(key: string, value: number, hash: number): void {
    if (this.size * 2 >= this.capacity) this.resize(this.capacity * 2);
    const offset = this.store(key);
    this.place(hash, key.length, offset, value);
    this.size++;
  }

  /** Forgets every entry. */
  clear(): void {
    this.allocate(INITIAL_CAPACITY);
    this.chars = new Uint16Array(INITIAL_CAPACITY * 8);
    this.used = 0;
    this.size = 0;
  }

  private store(key: string): number {
    const offset = this.used;
    if (offset + key.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(offset + key.length, this.chars.length * 2));
      chars.set(this.chars.subarray(0, offset));
      this.chars = chars;
    }
    for (let i = 0; i < key.length; i++) this.chars[offset + i] = key.charCodeAt(i);
    this.used = offset + key.length;
    return offset;
  }

  private allocate(capacity: number): void {
    this.slots = new Int32Array(capacity * SLOT_FIELDS);
    this.capacity = capacity;
    this.mask = capacity - 1;
  }

  private place(hash: number, length: number, offset: number, value: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot * SLOT_FIELDS] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot * SLOT_FIELDS] = hash;
    this.slots[slot * SLOT_FIELDS + 1] = length;
    this.slots[slot * SLOT_FIELDS + 2] = offset;
    this.slots[slot * SLOT_FIELDS + 3] = value;
  }

  private resize(capacity: number): void {
    const slots = this.slots;
    this.allocate(capacity);
    for (let at = 0; at < slots.length; at += SLOT_FIELDS) {
      if (slots[at] !== 0) this.place(slots[at] as number, slots[at + 1] as number, slots[at + 2] as number, slots[at + 3] as number);
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
