import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

const ambient = new AsyncLocalStorage<{ dataSource: DataSource; manager: EntityManager; afterCommit: (() => void)[] }>();

/**
 * Runs `work` in one database transaction. Code called inside it (repositories, the outbox)
 * joins the same transaction through `currentManager`, so a state change and the events that
 * announce it commit or roll back together. Nested calls join the outer transaction.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const current = ambient.getStore();
  if (current && current.dataSource === dataSource) return work(current.manager);
  const afterCommit: (() => void)[] = [];
  const result = await dataSource.transaction((manager) => ambient.run({ dataSource, manager, afterCommit }, () => work(manager)));
  for (const callback of afterCommit) callback();
  return result;
}

/**
 * Runs `callback` once the transaction in progress for `dataSource` has committed (not at all when
 * it rolls back), or now when there is none.
 */
export function afterCommit(dataSource: DataSource, callback: () => void): void {
  const current = ambient.getStore();
  if (current && current.dataSource === dataSource) current.afterCommit.push(callback);
  else callback();
}

/** The manager of the transaction in progress for `dataSource`, or undefined outside one. */
export function currentManager(dataSource: DataSource): EntityManager | undefined {
  const current = ambient.getStore();
  return current && current.dataSource === dataSource ? current.manager : undefined;
}

/** The transaction's manager when inside one, otherwise the data source's own manager. */
export function managerFor(dataSource: DataSource): EntityManager {
  return currentManager(dataSource) ?? dataSource.manager;
}

/** What `queryRows` needs of pg: a connected client (inside a transaction) or the driver's pool. */
interface PgQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Rows of one statement (SELECT, or INSERT/UPDATE … RETURNING), sent straight to pg: on the
 * connection of the transaction in progress for `dataSource` (so it is part of it), else on the
 * data source's pool. TypeORM's query runner is skipped — its per-query subscriber broadcast,
 * logger calls and result wrapping cost more CPU than the short statements of the hot paths
 * (a submission, public tracking). The statement and its parameters are the same as with
 * `manager.query`; a failure rejects with pg's own `DatabaseError` (the SQLSTATE in `code`), which
 * the error mapping of `@xaso/api` reads like TypeORM's QueryFailedError.
 */
export async function queryRows<T = Record<string, unknown>>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const manager = currentManager(dataSource);
  if (manager) {
    const runner = manager.queryRunner as { databaseConnection?: PgQueryable; isReleased?: boolean } | undefined;
    const client = runner && !runner.isReleased ? runner.databaseConnection : undefined;
    if (client) return (await client.query(sql, params)).rows as T[];
    return manager.query(sql, params);
  }
  const pool = (dataSource.driver as { master?: PgQueryable }).master;
  if (pool && typeof pool.query === 'function') return (await pool.query(sql, params)).rows as T[];
  return dataSource.query(sql, params);
}
