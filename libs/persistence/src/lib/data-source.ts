import { DataSource, type DataSourceOptions, type EntitySchema, type Migration, type MixedList } from 'typeorm';
import { ParameterlessQueryLogger } from './parameterless-query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
  poolSize?: number;
  logging?: boolean;
  /** Every statement's SQL text (never its parameters) at debug level; default `DB_LOG_QUERIES=true`. */
  logQueries?: boolean;
}

/** `DATABASE_CONNECT_TIMEOUT_MS` (default 10 s): longest wait for a new pool connection. */
export function databaseConnectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.DATABASE_CONNECT_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 10_000;
}

/** TypeORM options for one service's PostgreSQL database. Migrations, never `synchronize`. */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName,
    logging: options.logging ? ['error', 'warn', 'migration'] : ['error'],
    // never a statement's parameters in a log line (TypeORM's console logger prints them for a failed query)
    logger: new ParameterlessQueryLogger({ logQueries: options.logQueries ?? process.env.DB_LOG_QUERIES === 'true' }),
    // connectionTimeoutMillis: a database that drops packets (a partition, a failover to a host
    // not up yet) fails the request with a coded "try again" after this long instead of the OS's
    // TCP timeout (minutes); keepAlive finds connections broken under an idle pool.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: databaseConnectTimeoutMs(), keepAlive: true },
  };
}

/** First key of the advisory lock held while a database's migrations run (advisory locks are per database). */
const MIGRATIONS_LOCK = 0x7861_0d1b;

/**
 * Runs the pending migrations while holding a session advisory lock on a connection of its own:
 * replicas starting at once run them one after the other, and the later ones find nothing left
 * to do (without it both create the `migrations` table or run the same migration, and one dies).
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1, 0)', [MIGRATIONS_LOCK]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1, 0)', [MIGRATIONS_LOCK]);
    }
  } finally {
    await lockHolder.release();
  }
}

/** Opens the data source and brings its schema up to date with the service's migrations. */
export function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  return initializeMigrated(new DataSource(serviceDataSourceOptions(options)));
}

/** Connects `dataSource` and runs its migrations under the advisory lock; closes it again if they fail. */
export async function initializeMigrated(dataSource: DataSource): Promise<DataSource> {
  await dataSource.initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}
