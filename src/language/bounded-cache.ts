/**
 * A memo with a size cap: when full it starts over. Clearing beats LRU bookkeeping here because the hot vocabulary of
 * a stream refills it within a few hundred posts, and a hostile post of unique words cannot grow memory without bound.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, value);
  }
}
