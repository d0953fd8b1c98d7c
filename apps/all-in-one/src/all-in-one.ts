import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ensureDatabase, resolveServiceDatabaseUrl, serviceDatabaseEnvName, startEmbeddedPostgres, withDatabaseName } from '@xaso/persistence';
import { REARRANGEMENT_PARTICIPANTS } from '@xaso/contracts';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT, type ServiceCatalogueEntry, SERVICES } from './services';
import { waitUntilReady } from './readiness';
import { ServiceWorker } from './worker-host';

export interface AllInOneOptions {
  /** Public port of the gateway (default PORT, else 4000; 0 = any free port). */
  port?: number;
  /** Internal port of the first service; the others follow (default SERVICE_BASE_PORT, else 4101; 0 = free ports). */
  serviceBasePort?: number;
  /** Only these services (default ALL_IN_ONE_SERVICES, else every service of the catalogue, @xaso/service SERVICE_CATALOGUE). */
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
   * A service that fails to start stops everything and the start fails (default; ALL_IN_ONE_STRICT=false
   * turns it off). When false, it is logged and left out, so one service under construction does not
   * block the others.
   */
  strict?: boolean;
  /**
   * Resolve only once the gateway's /health/ready is up: every service ready, each admin-unit replica
   * filled (default true). Fails after `readyTimeoutMs` (default READY_TIMEOUT_MS, else 120000) with what is down.
   */
  waitForReady?: boolean;
  readyTimeoutMs?: number;
  /**
   * Where the launcher reads its own settings (PORT, DATABASE_URL, <SERVICE>_DATABASE_URL,
   * KAFKA_BROKERS, EVENT_BUS_DATABASE_URL, SERVICE_START_TIMEOUT_MS ...); default process.env.
   * It is also the environment of the services' worker threads (plus <SERVICE>_DATABASE_URL and
   * EVENT_BUS_DATABASE_URL set by the launcher). The gateway, in this thread, reads process.env.
   */
  env?: NodeJS.ProcessEnv;
  /**
   * Strict mode only: called after a service's worker thread crashed once started and everything
   * was stopped (main.ts exits with status 1).
   */
  onFatal?: (error: Error) => void;
}

/** A service running in its own worker thread (its Nest app lives there, not in this thread). */
export interface RunningService {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  threadId: number;
  /** Linux thread id of the worker (for per-thread CPU time in bench/), when known. */
  osThreadId?: number;
  /** Starts, or stops and writes to `file`, a V8 CPU profile of the service's thread (bench/). */
  cpuProfile(action: 'start' | 'stop', file?: string): Promise<void>;
}

export interface AllInOne {
  gatewayUrl: string;
  gateway: INestApplication;
  services: RunningService[];
  /** Services that failed to start and were left out (non-strict mode), with the reason. */
  failed: { name: string; error: string }[];
  databaseServer: string;
  embedded: boolean;
  /** The embedded server's data folder (undefined with DATABASE_URL). */
  dataDir?: string;
  /** The event bus database (EVENT_BUS_DATABASE_URL of the services); undefined with Kafka. */
  eventBusUrl?: string;
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
 * `xaso_<service>` per service), every service in its own worker thread on an internal port on
 * 127.0.0.1 (started in parallel), then the gateway in this thread. Messaging: Kafka when
 * KAFKA_BROKERS is set, else the bus database `xaso_bus` on the same server
 * (EVENT_BUS_DATABASE_URL, read by @xaso/messaging in every worker).
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
  let stopped = false;
  const stopAll = async () => {
    stopped = true;
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
    let dataLocation: string | undefined;
    if (external) {
      databaseServer = external;
      log.log(`using PostgreSQL from DATABASE_URL (${new URL(external).host})`);
    } else {
      const dataDir = options.dataDir ?? join(env.DATA_DIR ?? join(REPO_ROOT, 'data'), 'postgres');
      const embedded = await phase('postgres', () => startEmbeddedPostgres({ dataDir, port: Number(env.EMBEDDED_POSTGRES_PORT ?? 5433) }));
      stack.push({ name: 'embedded PostgreSQL', stop: embedded.stop });
      databaseServer = embedded.url;
      dataLocation = embedded.dataDir;
      log.log(`embedded PostgreSQL on ${new URL(embedded.url).host}, data in ${embedded.dataDir}${embedded.relocatedBecause ? ` (not ${dataDir}: ${embedded.relocatedBecause})` : ''}`);
    }

    // 2. The services, in parallel, each with its own database.
    const wanted = options.services ?? env.ALL_IN_ONE_SERVICES?.split(',').map((s) => s.trim()).filter(Boolean);
    const discovered = SERVICES.filter((s) => !wanted || wanted.includes(s.name));
    if (wanted) {
      const missing = wanted.filter((name) => !discovered.some((s) => s.name === name));
      if (missing.length) throw new Error(`No such service in the catalogue (@xaso/service SERVICE_CATALOGUE): ${missing.join(', ')}`);
    }
    if (!discovered.length) throw new Error('No service to start');
    const basePort = options.serviceBasePort ?? Number(env.SERVICE_BASE_PORT ?? 4101);
    const strict = options.strict ?? env.ALL_IN_ONE_STRICT !== 'false';
    const failed: { name: string; error: string }[] = [];
    const startTimeoutMs = Number(env.SERVICE_START_TIMEOUT_MS ?? 180_000);

    // Events between the services: each runs in its own worker thread, so the in-process bus
    // cannot carry them. Without Kafka, they go through a bus database on the same server
    // (PostgresTransport of @xaso/messaging, chosen by EVENT_BUS_DATABASE_URL).
    let eventBus: string | undefined;
    if (!env.KAFKA_BROKERS) {
      eventBus = env.EVENT_BUS_DATABASE_URL || withDatabaseName(databaseServer, 'xaso_bus');
      await phase('bus', () => ensureDatabase(eventBus as string));
    }
    const workerEnv: NodeJS.ProcessEnv = {
      ...env,
      SWC_NODE_PROJECT: env.SWC_NODE_PROJECT ?? join(REPO_ROOT, 'tsconfig.json'),
      // Services are reached only through the gateway: keep their ports on the loopback interface.
      HOST: '127.0.0.1',
      ...(eventBus ? { EVENT_BUS_DATABASE_URL: eventBus } : {}),
      // merger's saga waits for every participant's reply: with a subset of services, only those that run (unless set).
      REARRANGEMENT_PARTICIPANTS: env.REARRANGEMENT_PARTICIPANTS ?? REARRANGEMENT_PARTICIPANTS.filter((p) => discovered.some((s) => s.name === p)).join(','),
    };

    const onCrash = (name: string, error: Error) => {
      log.error(`${name}-service crashed: ${error.stack ?? error.message}`);
      if (strict && !stopped) {
        log.error(`stopping everything because ${name}-service crashed (ALL_IN_ONE_STRICT=false keeps the others running)`);
        void stopAll().then(() => options.onFatal?.(error));
      }
    };
    const startService = async (service: ServiceCatalogueEntry, index: number): Promise<RunningService> => {
      const began = performance.now();
      const databaseUrl = resolveServiceDatabaseUrl(service.name, { ...env, DATABASE_URL: databaseServer }, true) ?? databaseServer;
      await ensureDatabase(databaseUrl);
      // Services that read their URL from the environment find the same database.
      workerEnv[serviceDatabaseEnvName(service.name)] ??= databaseUrl;
      const worker = await ServiceWorker.start(
        service,
        {
          port: basePort === 0 ? 0 : basePort + index,
          databaseUrl,
          logger: options.logger ?? true,
          seed: options.seed ?? true,
          env: workerEnv,
          timeoutMs: startTimeoutMs,
        },
        (error) => onCrash(service.name, error),
      );
      stack.push({ name: `${service.name}-service`, stop: () => worker.close() });
      if (worker.seeded) log.log(`${service.name}: seeded its empty database in ${(worker.seedMs / 1000).toFixed(1)} s`);
      const url = `http://127.0.0.1:${worker.port}`;
      timings[`service:${service.name}`] = Math.round(performance.now() - began);
      log.log(`${service.name}-service ready on ${url} (worker thread ${worker.threadId}, database ${new URL(databaseUrl).pathname.slice(1)})`);
      return { name: service.name, url, port: worker.port, threadId: worker.threadId, osThreadId: worker.osThreadId, cpuProfile: (action, file) => worker.cpuProfile(action, file) };
    };
    // All in parallel; every start settles before a strict failure stops what did start.
    const settled = await phase('services', () => Promise.allSettled(discovered.map((service, index) => startService(service, index))));
    const started = settled.map((result, index): RunningService | undefined => {
      if (result.status === 'fulfilled') return result.value;
      const error = result.reason as Error;
      failed.push({ name: discovered[index].name, error: error.message });
      log.error(`${discovered[index].name}-service failed to start${strict ? '' : ' and is left out'}: ${error.stack ?? String(error)}`);
      return undefined;
    });
    if (strict && failed.length) throw new Error(failed.map((f) => `${f.name}-service did not start: ${f.error.replace(`${f.name}-service: `, '')}`).join('; '));
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
    const gatewayUrl = `http://localhost:${portOf(gateway)}`;

    // 4. Ready means usable: every service's /health/ready (database, bus, admin-unit replica filled) through the gateway's.
    // Without merger-service here and without Kafka (where a merger elsewhere may publish), nothing
    // fills the replicas: readiness would never come, so it is not waited for (said in the log).
    const unitsCanArrive = services.some((s) => s.name === 'merger') || Boolean(env.KAFKA_BROKERS);
    if ((options.waitForReady ?? true) && unitsCanArrive) {
      const timeoutMs = options.readyTimeoutMs ?? Number(env.READY_TIMEOUT_MS ?? 120_000);
      await phase('ready', () => waitUntilReady(`${gatewayUrl}/health/ready`, timeoutMs, () => stopped));
    } else if (!unitsCanArrive) {
      log.warn('merger-service is not running and KAFKA_BROKERS is not set: the admin-unit replicas stay empty and /health/ready down; not waiting for it');
    }

    return {
      gatewayUrl,
      gateway,
      services,
      failed,
      databaseServer,
      embedded: !external,
      dataDir: dataLocation,
      eventBusUrl: eventBus,
      timings,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
