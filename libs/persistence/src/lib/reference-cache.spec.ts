import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { ReferenceCache } from './reference-cache';
import { inTransaction } from './transaction';

/** A data source whose transactions only run their work (enough for the ambient-transaction checks). */
const dataSource = { transaction: (work: (m: EntityManager) => Promise<unknown>) => work({} as EntityManager) } as unknown as DataSource;

interface Row {
  name: string;
  tags: string[];
}

function cache(ttlMs = 5_000) {
  return new ReferenceCache<Row | null>(dataSource, { copy: (r) => r && { ...r, tags: [...r.tags] }, remember: (r) => r !== null }, { ttlMs });
}

describe('ReferenceCache', () => {
  it('loads once, then answers from memory with a copy the caller cannot spoil', async () => {
    const c = cache();
    const load = jest.fn(async () => ({ name: 'A', tags: ['x'] }));
    const first = await c.get('a', load);
    first!.tags.push('changed');
    const second = await c.get('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toEqual({ name: 'A', tags: ['x'] });
    second!.name = 'changed';
    expect(await c.get('a', load)).toEqual({ name: 'A', tags: ['x'] });
  });

  it('does not remember what `remember` refuses (not found)', async () => {
    const c = cache();
    const load = jest.fn(async () => null);
    expect(await c.get('missing', load)).toBeNull();
    expect(await c.get('missing', load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('forgets after its time to live', async () => {
    const c = cache(20);
    const load = jest.fn(async () => ({ name: 'A', tags: [] }));
    await c.get('a', load);
    await new Promise((done) => setTimeout(done, 60));
    await c.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('inside a transaction: as outside until it writes, then the database for the rest of it, filling nothing', async () => {
    const c = cache();
    const outside = AsyncLocalStorage.snapshot();
    await c.get('a', async () => ({ name: 'committed', tags: [] }));
    await inTransaction(dataSource, async () => {
      expect((await c.get('a', async () => ({ name: 'unused', tags: [] })))!.name).toBe('committed');
      expect((await c.get('b', async () => ({ name: 'committed b', tags: [] })))!.name).toBe('committed b');
      expect((await c.get('b', async () => ({ name: 'unused', tags: [] })))!.name).toBe('committed b');
      c.invalidate(); // this transaction writes the rows the cache holds
      // Meanwhile another request caches the old committed row again (dropped at commit).
      await outside(() => c.get('a', async () => ({ name: 'old committed', tags: [] })));
      expect((await c.get('a', async () => ({ name: 'own write', tags: [] })))!.name).toBe('own write');
      expect((await c.get('c', async () => ({ name: 'own uncommitted', tags: [] })))!.name).toBe('own uncommitted');
    });
    expect((await c.get('c', async () => ({ name: 'after commit c', tags: [] })))!.name).toBe('after commit c');
    const load = jest.fn(async () => ({ name: 'after commit', tags: [] }));
    expect((await c.get('b', load))!.name).toBe('after commit');
    expect(load).toHaveBeenCalledTimes(1);
    // Another transaction that wrote nothing gets the hits again.
    const inOther = await inTransaction(dataSource, () => c.get('b', async () => ({ name: 'unused', tags: [] })));
    expect(inOther!.name).toBe('after commit');
  });

  it('drops its entries on invalidate, again when the writing transaction commits, and a read in flight is not kept', async () => {
    const c = cache();
    await c.get('a', async () => ({ name: 'v1', tags: [] }));
    let release!: () => void;
    const inFlight = c.get('b', () => new Promise<Row>((done) => (release = () => done({ name: 'stale', tags: [] }))));
    c.invalidate();
    release();
    await inFlight;
    const load = jest.fn(async () => ({ name: 'fresh', tags: [] }));
    expect((await c.get('b', load))!.name).toBe('fresh');
    expect((await c.get('a', async () => ({ name: 'v2', tags: [] })))!.name).toBe('v2');

    // Another request reading between the write and the commit sees the old committed row and would
    // cache it: dropped at commit.
    const outside = AsyncLocalStorage.snapshot();
    await inTransaction(dataSource, async () => {
      c.invalidate();
      await outside(() => c.get('a', async () => ({ name: 'old committed', tags: [] })));
      expect((await outside(() => c.get('a', async () => ({ name: 'unused', tags: [] }))))!.name).toBe('old committed');
    });
    const after = jest.fn(async () => ({ name: 'v3', tags: [] }));
    expect((await c.get('a', after))!.name).toBe('v3');
    expect(after).toHaveBeenCalledTimes(1);
  });
});
