/**
 * The one harness of evaluation-service's integration tests: a test database of its own, the
 * dev-token secret set (and restored), the Nest app on an in-process bus the test feeds with
 * dossier and petition events, the real admin-unit registry in the replica, GraphQL and token
 * helpers, and one `close()`.
 */
import type { INestApplication } from '@nestjs/common';
import { issueDevToken, type Role } from '@xaso/auth';
import { InProcessBus, InProcessTransport, type EventTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, realAdminUnits, waitUntil } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import { DataSource } from 'typeorm';
import { createEvaluationApp, startEvaluationService } from '../src/bootstrap';
import type { EvaluationAppOptions } from '../src/app.module';

export interface EvaluationTestAppOptions extends Omit<EvaluationAppOptions, 'databaseUrl'> {
  /** Prefix of the test database's name. */
  database: string;
  /** AUTH_DEV_SECRET for the file's dev tokens. */
  secret: string;
  /** The bus to consume from (default: a new one); a second app on the same bus rebuilds from the same events. */
  bus?: InProcessBus;
  /** Listen on a free port (for the gateway); default: not listening (supertest). */
  listen?: boolean;
}

export interface EvaluationTestApp {
  app: INestApplication;
  bus: InProcessBus;
  db: DataSource;
  token(sub: string, role: Role | Role[], unitCode?: string): Promise<string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): ReturnType<typeof postGraphQL<T>>;
  /** Until the app's consumer has processed every event id given (inbox rows). */
  consumed(eventIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startEvaluationTestApp(options: EvaluationTestAppOptions): Promise<EvaluationTestApp> {
  const { database, secret, bus = new InProcessBus(), listen = false, ...appOptions } = options;
  const savedSecret = process.env.AUTH_DEV_SECRET;
  process.env.AUTH_DEV_SECRET = secret;
  const testDb = await createTestDatabase(database);
  const settings = {
    logger: false,
    ...appOptions,
    transport: appOptions.transport ?? (new InProcessTransport(bus) as EventTransport),
    databaseUrl: testDb.url,
  };
  const app = listen ? await startEvaluationService({ ...settings, port: 0 }) : await createEvaluationApp(settings);
  await app.get(UnitReplica).upsert(realAdminUnits().map(replicaUnitInputOf));
  const db = app.get(DataSource);
  return {
    app,
    bus,
    db,
    token: (sub, role, unitCode) => issueDevToken(Array.isArray(role) ? { sub, roles: role, unitCode } : { sub, role, unitCode }, secret),
    gql: (query, variables = {}, token) => postGraphQL(app, query, variables, token),
    async consumed(eventIds) {
      await waitUntil(`${eventIds.length} events in the inbox`, async () => {
        const [{ n }] = await db.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])', [eventIds]);
        return n === new Set(eventIds).size;
      });
    },
    async close() {
      await app.close();
      await testDb.drop();
      if (savedSecret === undefined) delete process.env.AUTH_DEV_SECRET;
      else process.env.AUTH_DEV_SECRET = savedSecret;
    },
  };
}
