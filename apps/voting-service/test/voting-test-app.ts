/**
 * The harness of voting-service's integration and end-to-end tests: a test database of its own,
 * the dev-token secret set (and restored), the Nest app with a movable clock and an in-process
 * bus, the real admin-unit registry plus test villages in the replica, GraphQL and token helpers.
 */
import type { INestApplication } from '@nestjs/common';
import { issueDevToken, type Role } from '@xaso/auth';
import { InProcessBus, InProcessTransport, type EventTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, realAdminUnits } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createVotingApp, startVotingService } from '../src/bootstrap';
import type { Clock } from '../src/polls/application/clock.port';

/** A 2025 commune of the real registry and the villages the tests add under it. */
export const COMMUNE = '00097';
export const OTHER_COMMUNE = '00103';
export const VILLAGES = ['V00097-01', 'V00097-02'];

export class MovableClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
}

export interface VotingTestApp {
  app: INestApplication;
  clock: MovableClock;
  dataSource: DataSource;
  token(sub: string, role: Role, unitCode?: string, claims?: Record<string, string>): Promise<string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): ReturnType<typeof postGraphQL<T>>;
  close(): Promise<void>;
}

export interface VotingTestAppOptions {
  database: string;
  secret: string;
  listen?: boolean;
  transport?: EventTransport;
  consumerGroup?: string;
  now?: string;
  /** Tests of log lines: the service logs (pino, at `logLevel`) into this stream instead of being silent. */
  logDestination?: DestinationStream;
  logLevel?: string;
}

export async function startVotingTestApp(options: VotingTestAppOptions): Promise<VotingTestApp> {
  const savedSecret = process.env.AUTH_DEV_SECRET;
  process.env.AUTH_DEV_SECRET = options.secret;
  const db = await createTestDatabase(options.database);
  const clock = new MovableClock(new Date(options.now ?? '2026-12-10T02:00:00Z'));
  const logging = options.logDestination ? { logger: true, logLevel: options.logLevel, logDestination: options.logDestination } : { logger: false };
  const settings = { ...logging, clock, consumerGroup: options.consumerGroup, transport: options.transport ?? (new InProcessTransport(new InProcessBus()) as EventTransport), databaseUrl: db.url };
  const app = options.listen ? await startVotingService({ ...settings, port: 0 }) : await createVotingApp(settings);
  const replica = app.get(UnitReplica);
  await replica.upsert(realAdminUnits().map(replicaUnitInputOf));
  await replica.upsert(VILLAGES.map((code, i) => ({ code, name: `Thôn ${i + 1}`, level: 'VILLAGE', parentCode: COMMUNE, parentValidFrom: '2025-07-01' })));
  return {
    app,
    clock,
    dataSource: app.get(DataSource),
    token: (sub, role, unitCode, claims = {}) => issueDevToken({ sub, role, unitCode, ...claims }, options.secret),
    gql: (query, variables = {}, token) => postGraphQL(app, query, variables, token),
    async close() {
      await app.close();
      await db.drop();
      if (savedSecret === undefined) delete process.env.AUTH_DEV_SECRET;
      else process.env.AUTH_DEV_SECRET = savedSecret;
    },
  };
}
