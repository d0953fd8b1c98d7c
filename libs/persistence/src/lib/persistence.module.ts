import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { resolveServiceDatabaseUrl, serviceDatabaseEnvName } from './database-url';
import { ensureDatabase } from './ensure-database';
import { initializeMigrated, serviceDataSourceOptions } from './data-source';
import { TransactionRunner, transactionRunnerProvider } from './transaction-runner';

export interface PersistenceModuleOptions {
  /** Service name, e.g. `merger`: selects `MERGER_DATABASE_URL`, else `DATABASE_URL`. */
  service: string;
  /** Explicit URL (tests); overrides the environment. */
  url?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** The service's TypeORM connection: database created if missing, migrations run at start (both under advisory locks). */
@Module({})
export class PersistenceModule {
  static forService(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      // Global so every feature module can inject the TransactionRunner provided here.
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            const url = options.url ?? resolveServiceDatabaseUrl(options.service);
            if (!url) {
              throw new Error(
                `No database for ${options.service}: set ${serviceDatabaseEnvName(options.service)} or DATABASE_URL`,
              );
            }
            await ensureDatabase(url);
            return serviceDataSourceOptions({
              url,
              entities: options.entities,
              migrations: options.migrations,
              applicationName: `xaso-${options.service}`,
            });
          },
          // Migrations under an advisory lock (two replicas may start at once), not `migrationsRun`.
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error(`No data source options for ${options.service}`);
            return initializeMigrated(new DataSource(dataSourceOptions));
          },
        }),
      ],
      providers: [transactionRunnerProvider],
      exports: [TypeOrmModule, TransactionRunner],
    };
  }
}
