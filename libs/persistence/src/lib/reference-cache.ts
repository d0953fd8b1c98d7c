import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { afterCommit, currentManager } from './transaction';

export interface ReferenceCacheOptions {
  /** How long an entry is used (ms): what another replica's write can leave stale, at most. Default 5,000. */
  ttlMs?: number;
  /** Entries kept (least recently used out first). Default 10,000. */
  max?: number;
}

/** A value is remembered only when `remember` says so (e.g. not "not found": a row written by another path may come any moment). */
export interface ReferenceCacheValue<V> {
  copy: (value: V) => V;
  remember: (value: V) => boolean;
}

/**
 * Reads of slowly changing reference rows (a procedure, an administrative unit) remembered for a
 * few seconds, so that the hot path (every submission looks up its procedure and its units) does
 * not go to the database each time. Read-your-writes: inside a transaction of `dataSource` the
 * cache is neither read nor filled, and a write of this process calls `invalidate()`: the entries
 * go at once and again when the writing transaction commits, and a read in flight meanwhile is not
 * kept. Another replica's write is seen after `ttlMs` at the latest. `copy` is applied to every value handed out, so a caller that changes
 * what it got cannot change the cached entry.
 */
export class ReferenceCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly value: ReferenceCacheValue<V>,
    options: ReferenceCacheOptions = {},
  ) {
    this.entries = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 5_000 });
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (currentManager(this.dataSource)) return load();
    const hit = this.entries.get(key);
    if (hit) return this.value.copy(hit.value);
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.value.remember(value)) this.entries.set(key, { value: this.value.copy(value) });
    return value;
  }

  invalidate(): void {
    this.clear();
    afterCommit(this.dataSource, () => this.clear());
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
