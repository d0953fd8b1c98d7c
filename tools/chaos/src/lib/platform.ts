import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken, Role } from '@xaso/auth';
import { randomUUID } from 'node:crypto';
import { eventRegistry, topicFor } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { ensureDatabase, type EmbeddedPostgresHandle, startEmbeddedPostgres, withDatabaseName } from '@xaso/persistence';
import { adminUnitsUpsertedMessages, type ApacheKafkaBroker, realAdminUnits, startApacheKafka } from '@xaso/testing';
import { Client } from 'pg';
import { buildForProcesses } from './build';
import { freePort, ServiceProcess } from './processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The services the chaos suite runs as processes (behind the gateway) and kills. */
export const CHAOS_SERVICES = ['dossier', 'petition', 'evaluation', 'voting'] as const;
export type ChaosService = (typeof CHAOS_SERVICES)[number];
/** A real commune of data/admin-units (valid since 2025-07-01) that every request targets. */
export const CHAOS_UNIT = '00004';
export const CHAOS_SECRET = 'chaos-suite-dev-secret-0123456789abcdef-xaso';

/**
 * Everything of one chaos run, all local and private: a PostgreSQL server of its own (embedded
 * binaries, a temporary data folder, a free port; restartable on the same port: never the
 * machine's shared server), a real Apache Kafka broker of its own (free ports; halt/resume),
 * dossier-, petition-, evaluation- and voting-service and the test consumer as OS processes, and the
 * gateway as one more process in front of them.
 */
export class ChaosPlatform {
  readonly processes: Record<string, ServiceProcess> = {};
  readonly databases: Record<string, string> = {};
  officerToken = '';
  private constructor(
    readonly runDir: string,
    public postgres: EmbeddedPostgresHandle,
    private readonly postgresPort: number,
    readonly kafka: ApacheKafkaBroker,
  ) {}

  get gateway(): ServiceProcess {
    return this.processes.gateway;
  }

  get brokers(): string[] {
    return this.kafka.brokers;
  }

  static async start(log: (line: string) => void = () => undefined): Promise<ChaosPlatform> {
    const runDir = mkdtempSync(join(tmpdir(), 'xaso-chaos-'));
    mkdirSync(join(runDir, 'logs'));
    chmodSync(runDir, 0o755); // as root the server runs as the postgres user, who must reach its folder
    const began = Date.now();
    const [postgres, kafka] = await Promise.all([
      startEmbeddedPostgres({ dataDir: join(runDir, 'postgres'), port: 0, persistent: true }),
      startApacheKafka(),
    ]);
    const platform = new ChaosPlatform(runDir, postgres, Number(new URL(postgres.url).port), kafka);
    log(`run folder ${runDir} (logs/ kept with CHAOS_KEEP_LOGS=1)`);
    log(`PostgreSQL (own server, port ${platform.postgresPort}) and Kafka (${kafka.brokers.join(',')}) up in ${Date.now() - began} ms`);
    try {
      await platform.boot(log);
    } catch (error) {
      await platform.close();
      throw error;
    }
    return platform;
  }

  private async boot(log: (line: string) => void): Promise<void> {
    for (const name of [...CHAOS_SERVICES, 'counter', 'poison']) {
      this.databases[name] = withDatabaseName(this.postgres.url, `chaos_${name}`);
      await ensureDatabase(this.databases[name]);
    }
    // The unit registry, as merger-service announces it: the services' replicas fill from it.
    const seeder = new KafkaTransport({ brokers: this.brokers, clientId: 'chaos-seed' });
    const units = adminUnitsUpsertedMessages();
    for (const message of units) await seeder.send(topicFor('merger'), [message]); // each chunk is close to the broker's 1 MB limit
    // The import's summary: the replicas' readiness compares it with the units received.
    const imported = eventRegistry.assertValid({
      id: randomUUID(), type: 'admin-unit.imported', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'AdministrativeUnitImport', aggregateId: 'chaos-import', unitCode: null, correlationId: randomUUID(), causationId: null,
      payload: { importId: 'chaos-import', dataset: 'data/admin-units', asOf: '2025-07-01', created: realAdminUnits().length, updated: 0, unchanged: 0 },
    });
    await seeder.send(topicFor('merger'), [{ key: imported.aggregateId, value: JSON.stringify(imported), headers: { type: imported.type, version: '1' } }]);
    await seeder.stop();

    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_BROKERS: this.brokers.join(','), AUTH_DEV_SECRET: CHAOS_SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // A SIGKILLed member leaves its group after 6 s (the broker's minimum), not 30 s: restarts rejoin sooner.
      KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000', KAFKA_REBALANCE_TIMEOUT_MS: '10000' };
    for (const name of ['TEST_DATABASE_URL', 'EVENT_BUS_DATABASE_URL', 'DATABASE_URL', 'NODE_ENV', 'JEST_WORKER_ID']) delete env[name];
    for (const name of CHAOS_SERVICES) env[`${name.toUpperCase()}_DATABASE_URL`] = this.databases[name];
    const logDir = join(this.runDir, 'logs');
    const compiling = Date.now();
    const buildRoot = buildForProcesses();
    log(`compiled the sources for the processes in ${Date.now() - compiling} ms (${buildRoot})`);
    for (const name of CHAOS_SERVICES) {
      this.processes[name] = new ServiceProcess({ name, entry: `apps/${name}-service/src/main.ts`, port: await freePort(), env, logDir, buildRoot });
    }
    this.processes.counter = new ServiceProcess({
      name: 'counter',
      entry: 'tools/chaos/src/counter-main.ts',
      port: await freePort(),
      env: { ...env, COUNTER_DATABASE_URL: this.databases.counter, COUNTER_GROUP: 'chaos-counter' },
      logDir,
      buildRoot,
    });
    const began = Date.now();
    await Promise.all([...CHAOS_SERVICES, 'counter'].map((name) => this.processes[name].start()));
    log(`services and test consumer started as processes in ${Date.now() - began} ms`);
    const subgraphs = CHAOS_SERVICES.map((name) => `${name}=${this.processes[name].url}/graphql`).join(',');
    this.processes.gateway = new ServiceProcess({
      name: 'gateway',
      entry: 'apps/gateway/src/main.ts',
      port: await freePort(),
      env: { ...env, SUBGRAPHS: subgraphs, GATEWAY_STARTUP_TIMEOUT_MS: '180000' },
      logDir,
      buildRoot,
    });
    await this.gateway.start();
    this.officerToken = await issueDevToken({ role: Role.OFFICER, sub: 'chaos-officer', unitCode: CHAOS_UNIT }, CHAOS_SECRET);
    // Wait for the replicas: every admin-units chunk applied by dossier and petition.
    const deadline = Date.now() + 180_000;
    for (const name of ['dossier', 'petition', 'voting']) {
      while ((await this.count(name, `SELECT count(*) FROM inbox`)) < units.length + 1) {
        if (Date.now() > deadline) throw new Error(`${name} did not replicate the admin units in time`);
        await sleep(250);
      }
    }
    log(`gateway up, replicas filled (${units.length} chunks) after ${Date.now() - began} ms`);
  }

  /** One number from a service's database (a short-lived connection: it works across restarts). */
  async count(database: string, sql: string, params: unknown[] = []): Promise<number> {
    const rows = await this.query<{ count: string }>(database, sql, params);
    return Number(Object.values(rows[0] ?? { count: 0 })[0]);
  }

  async query<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databases[database], connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Stops the PostgreSQL server (fast shutdown: clients are disconnected), keeping its data. */
  async stopPostgres(): Promise<void> {
    await this.postgres.stop();
  }

  /** Starts the server again on the same data folder and port; resolves once it accepts connections. */
  async startPostgres(): Promise<void> {
    this.postgres = await startEmbeddedPostgres({ dataDir: this.postgres.dataDir, port: this.postgresPort, persistent: true });
    if (Number(new URL(this.postgres.url).port) !== this.postgresPort) throw new Error(`PostgreSQL came back on another port (${this.postgres.url})`);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.processes).map((p) => p.stop().catch(() => undefined)));
    await this.kafka.stop().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    rmSync(this.postgres.dataDir, { recursive: true, force: true });
    if (!process.env.CHAOS_KEEP_LOGS) rmSync(this.runDir, { recursive: true, force: true });
  }
}
