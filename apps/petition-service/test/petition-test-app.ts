/**
 * The one harness of petition-service's integration and end-to-end tests: a test database of its
 * own, the dev-token secret set (and restored), the Nest app with test defaults (no deadline
 * timer, an in-process bus, a fresh identity key, the real admin-unit registry in the replica),
 * GraphQL and token helpers, and one `close()`.
 */
import type { INestApplication } from '@nestjs/common';
import { issueDevToken, type Role } from '@xaso/auth';
import { topicFor } from '@xaso/contracts';
import { InProcessBus, InProcessTransport, type EventTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, realAdminUnits, waitUntil } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import { DataSource } from 'typeorm';
import { createPetitionApp, startPetitionService, type StartPetitionServiceOptions } from '../src/bootstrap';
import { testPetitionConfig } from './factories';

export interface PetitionTestAppOptions extends Omit<StartPetitionServiceOptions, 'databaseUrl' | 'port'> {
  /** Prefix of the test database's name. */
  database: string;
  /** AUTH_DEV_SECRET for the file's dev tokens. */
  secret: string;
  /** Fill the admin-unit replica with the real registry (default true). */
  seedUnits?: boolean;
  /** Listen on a free port (for the gateway); default: not listening (supertest). */
  listen?: boolean;
}

export interface RecordedEvent {
  type: string;
  aggregateId: string;
  unitCode: string | null;
  payload: Record<string, unknown>;
}

/** The petition events the bus delivered, as a consumer (evaluation-service) receives them. */
export interface EventRecorder {
  events: RecordedEvent[];
  /** The messages as sent (JSON text). */
  raw: string[];
  /** Until the bus has delivered every event the outbox holds. */
  flush(): Promise<void>;
  /** The types of a petition's events, once the bus delivered everything recorded. */
  typesOf(code: string): Promise<string[]>;
}

export interface PetitionTestApp {
  app: INestApplication;
  databaseUrl: string;
  /** The in-process bus the app publishes to (unless a transport was given). */
  bus: InProcessBus;
  token(sub: string, role: Role, unitCode?: string, claims?: Record<string, string>): Promise<string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): ReturnType<typeof postGraphQL<T>>;
  /** `gql` that fails the test on any GraphQL error and answers `data`. */
  ok(query: string, variables: Record<string, unknown>, token: string): Promise<any>;
  /** Rows in the outbox (every petition event the app recorded). */
  outboxCount(): Promise<number>;
  /** Subscribes a consumer group of the test to the petition events (the app's in-process bus). */
  recordEvents(group?: string): Promise<EventRecorder>;
  /** Another app on the same database (e.g. with another key ring); closed by `stop()` or `close()`. */
  restart(overrides?: Partial<StartPetitionServiceOptions>): Promise<INestApplication>;
  /** Closes one of the apps now. */
  stop(app: INestApplication): Promise<void>;
  /** Closes the apps still open, drops the database, restores AUTH_DEV_SECRET. */
  close(): Promise<void>;
}

export async function startPetitionTestApp(options: PetitionTestAppOptions): Promise<PetitionTestApp> {
  const { database, secret, seedUnits = true, listen = false, ...appOptions } = options;
  const savedSecret = process.env.AUTH_DEV_SECRET;
  process.env.AUTH_DEV_SECRET = secret;
  const db = await createTestDatabase(database);
  const bus = new InProcessBus();
  const apps = new Set<INestApplication>();
  const start = async (overrides: Partial<StartPetitionServiceOptions> = {}) => {
    const settings = {
      logger: false,
      escalationIntervalMs: 0,
      config: testPetitionConfig(),
      ...appOptions,
      transport: appOptions.transport ?? (new InProcessTransport(bus) as EventTransport),
      ...overrides,
      databaseUrl: db.url,
    };
    const app = listen ? await startPetitionService({ ...settings, port: 0 }) : await createPetitionApp(settings);
    apps.add(app);
    if (seedUnits) await app.get(UnitReplica).upsert(realAdminUnits().map(replicaUnitInputOf)); // every unit a petition names is a real unit
    return app;
  };
  const app = await start();
  const outboxCount = async () => Number((await app.get(DataSource).query('SELECT count(*)::int AS n FROM outbox'))[0].n);
  return {
    app,
    databaseUrl: db.url,
    bus,
    token: (sub, role, unitCode, claims = {}) => issueDevToken({ sub, role, unitCode, ...claims }, secret),
    gql: (query, variables = {}, token) => postGraphQL(app, query, variables, token),
    async ok(query, variables, token) {
      const r = await postGraphQL(app, query, variables, token);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!;
    },
    outboxCount,
    async recordEvents(group = 'evaluation-spec') {
      const events: RecordedEvent[] = [];
      const raw: string[] = [];
      await new InProcessTransport(bus).subscribe(group, [topicFor('petition')], async (message) => {
        raw.push(message.value!);
        events.push(JSON.parse(message.value!));
      });
      const flush = async () => {
        const recorded = await outboxCount();
        await waitUntil(`the ${recorded} recorded events on the bus`, async () => events.length >= recorded);
      };
      return {
        events,
        raw,
        flush,
        async typesOf(code: string) {
          await flush();
          return events.filter((e) => e.aggregateId === code).map((e) => e.type);
        },
      };
    },
    restart: start,
    async stop(a) {
      apps.delete(a);
      await a.close();
    },
    async close() {
      for (const a of [...apps].reverse()) await a.close();
      await db.drop();
      if (savedSecret === undefined) delete process.env.AUTH_DEV_SECRET;
      else process.env.AUTH_DEV_SECRET = savedSecret;
    },
  };
}
