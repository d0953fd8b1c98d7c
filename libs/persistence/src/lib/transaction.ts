import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

const ambient = new AsyncLocalStorage<{ dataSource: DataSource; manager: EntityManager }>();

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
  return dataSource.transaction((manager) => ambient.run({ dataSource, manager }, () => work(manager)));
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
