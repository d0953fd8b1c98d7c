import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ensureDatabase, resolveServiceDatabaseUrl, serviceDatabaseEnvName, startEmbeddedPostgres } from '@xaso/persistence';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type DiscoveredService, discoverServices, loadServiceBootstrap, REPO_ROOT } from './services';

export interface AllInOneOptions {
  /** Public port of the gateway (default PORT, else 4000; 0 = any free port). */
  port?: number;
  /** Internal port of the first service; the others follow (default SERVICE_BASE_PORT, else 4101; 0 = free ports). */
  serviceBasePort?: number;
  /** Only these services (default ALL_IN_ONE_SERVICES, else every apps/*-service with a bootstrap.ts). */
  services?: string[];
  /** A PostgreSQL server to use instead of the embedded one (default DATABASE_URL). */
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data (default DATA_DIR/postgres, else ./data/postgres). */
  dataDir?: string;
  /** Seed reference data (the admin units) into empty databases (default true). */
  seed?: boolean;
  /** Nest logs of the services and the gateway (default true). */
  logger?: boolean;
  /**
   * A service that fails to start stops everything (default ALL_IN_ONE_STRICT=true). When false,
   * it is logged and left out, so one service under construction does not block the others.
   */
  strict?: boolean;
  /**
   * Where the launcher reads its own settings (PORT, DATABASE_URL, <SERVICE>_DATABASE_URL, ...);
   * default process.env. The services and libraries still read theirs (AUTH_*, LOG_LEVEL,
   * KAFKA_BROKERS) from process.env.
   */
  env?: NodeJS.ProcessEnv;
}

export interface RunningService {
  name: string;
  url: string;
  app: INestApplication;
}

export interface AllInOne {
  gatewayUrl: string;
  gateway: INestApplication;
  services: RunningService[];
  /** Services that failed to start and were left out (non-strict mode), with the reason. */
  failed: { name: string; error: string }[];
  databaseServer: string;
  embedded: boolean;
  /** Milliseconds spent per start-up phase. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

const log = new Logger('AllInOne');

function portOf(app: INestApplication): number {
  return (app.getHttpServer().address() as AddressInfo).port;
}

/**
 * Everything in one process: PostgreSQL (embedded unless DATABASE_URL is set, one database
 * `xaso_<service>` per service), every service on an internal port on 127.0.0.1, then the
 * gateway. Messaging picks Kafka when KAFKA_BROKERS is set, else the in-process bus that all
 * services of this process share.
 */
export async function startAllInOne(options: AllInOneOptions = {}): Promise<AllInOne> {
  const env = options.env ?? process.env;
  const timings: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { name, stop } of stack.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log.error(`stopping ${name} failed: ${(error as Error).message}`);
      }
    }
  };

  try {
    // 1. The database server.
    const external = options.databaseUrl ?? env.DATABASE_URL;
    let databaseServer: string;
    if (external) {
      databaseServer = external;
      log.log(`using PostgreSQL from DATABASE_URL (${new URL(external).host})`);
    } else {
      const dataDir = options.dataDir ?? join(env.DATA_DIR ?? join(REPO_ROOT, 'data'), 'postgres');
      const embedded = await phase('postgres', () => startEmbeddedPostgres({ dataDir, port: Number(env.EMBEDDED_POSTGRES_PORT ?? 5433) }));
      stack.push({ name: 'embedded PostgreSQL', stop: embedded.stop });
      databaseServer = embedded.url;
      log.log(`embedded PostgreSQL on ${new URL(embedded.url).host}, data in ${dataDir}`);
    }

    // 2. The services, in parallel, each with its own database.
    const wanted = options.services ?? env.ALL_IN_ONE_SERVICES?.split(',').map((s) => s.trim()).filter(Boolean);
    const discovered = discoverServices().filter((s) => !wanted || wanted.includes(s.name));
    if (wanted) {
      const missing = wanted.filter((name) => !discovered.some((s) => s.name === name));
      if (missing.length) throw new Error(`No apps/<name>-service/src/bootstrap.ts for: ${missing.join(', ')}`);
    }
    if (!discovered.length) throw new Error('No service found (apps/*-service/src/bootstrap.ts)');
    const basePort = options.serviceBasePort ?? Number(env.SERVICE_BASE_PORT ?? 4101);
    const strict = options.strict ?? env.ALL_IN_ONE_STRICT === 'true';
    const failed: { name: string; error: string }[] = [];
    const startService = async (service: DiscoveredService, index: number): Promise<RunningService> => {
      const began = performance.now();
      const databaseUrl = resolveServiceDatabaseUrl(service.name, { ...env, DATABASE_URL: databaseServer }, true) ?? databaseServer;
      await ensureDatabase(databaseUrl);
      // Services that read their URL from the environment find the same database.
      env[serviceDatabaseEnvName(service.name)] ??= databaseUrl;
      const bootstrap = loadServiceBootstrap(service);
      const app = await bootstrap.start({
        port: basePort === 0 ? 0 : basePort + index,
        databaseUrl,
        logger: options.logger ?? true,
        importIfEmpty: false,
      });
      try {
        if ((options.seed ?? true) && bootstrap.seedIfEmpty) {
          const seedBegan = performance.now();
          const seeded = await bootstrap.seedIfEmpty(app);
          if (seeded) log.log(`${service.name}: seeded its empty database in ${((performance.now() - seedBegan) / 1000).toFixed(1)} s`);
        }
      } catch (error) {
        await app.close().catch(() => undefined);
        throw error;
      }
      stack.push({ name: service.name, stop: () => app.close() });
      const url = `http://127.0.0.1:${portOf(app)}`;
      timings[`service:${service.name}`] = Math.round(performance.now() - began);
      log.log(`${service.name}-service ready on ${url} (database ${new URL(databaseUrl).pathname.slice(1)})`);
      return { name: service.name, url, app };
    };
    const started = await phase('services', () =>
      Promise.all(
        discovered.map(async (service, index): Promise<RunningService | undefined> => {
          try {
            return await startService(service, index);
          } catch (error) {
            if (strict) throw error;
            failed.push({ name: service.name, error: (error as Error).message });
            log.error(`${service.name}-service failed to start and is left out: ${(error as Error).stack ?? String(error)}`);
            return undefined;
          }
        }),
      ),
    );
    const services = started.filter((s): s is RunningService => s !== undefined);
    if (!services.length) throw new Error(`No service started (${failed.map((f) => `${f.name}: ${f.error}`).join('; ')})`);

    // 3. The gateway. Loaded the same way: it is an app too.
    const { startGateway } = require(join(REPO_ROOT, 'apps', 'gateway', 'src', 'bootstrap.ts')) as {
      startGateway(options: {
        port: number;
        subgraphs: { name: string; url: string }[];
        restTargets: Record<string, string>;
        logger?: false;
      }): Promise<INestApplication>;
    };
    const gateway = await phase('gateway', () =>
      startGateway({
        port: options.port ?? Number(env.PORT ?? 4000),
        subgraphs: services.map((s) => ({ name: s.name, url: `${s.url}/graphql` })),
        restTargets: Object.fromEntries(services.map((s) => [s.name, s.url])),
        ...(options.logger === false ? { logger: false as const } : {}),
      }),
    );
    stack.push({ name: 'gateway', stop: () => gateway.close() });

    return {
      gatewayUrl: `http://localhost:${portOf(gateway)}`,
      gateway,
      services,
      failed,
      databaseServer,
      embedded: !external,
      timings,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
