import { LRUCache } from 'lru-cache';
import type { DataSource, EntityManager } from 'typeorm';
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
 * not go to the database each time. Read-your-writes: a write of this process calls
 * `invalidate()`: the entries go at once and again when the writing transaction commits, a read in
 * flight meanwhile is not kept, and the writing transaction reads the database from then on (and
 * fills nothing: what it reads may be its own uncommitted write). Any other transaction reads only
 * committed rows, so it uses and fills the cache as a plain read does: a REST handler wrapped in
 * its idempotency transaction gets the hits too. Another replica's write is seen after `ttlMs` at the latest. `copy` is applied to every value handed out, so a caller that changes
 * what it got cannot change the cached entry.
 */
export class ReferenceCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;
  private generation = 0;
  /** Transactions that wrote what this cache holds: they read their own writes from the database. */
  private readonly writers = new WeakSet<EntityManager>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly value: ReferenceCacheValue<V>,
    options: ReferenceCacheOptions = {},
  ) {
    this.entries = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 5_000 });
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const transaction = currentManager(this.dataSource);
    if (transaction && this.writers.has(transaction)) return load();
    const hit = this.entries.get(key);
    if (hit) return this.value.copy(hit.value);
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.value.remember(value)) this.entries.set(key, { value: this.value.copy(value) });
    return value;
  }

  invalidate(): void {
    const transaction = currentManager(this.dataSource);
    if (transaction) this.writers.add(transaction);
    this.clear();
    afterCommit(this.dataSource, () => this.clear());
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
