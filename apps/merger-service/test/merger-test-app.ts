/**
 * The one harness of merger-service's integration tests: a test database of its own, the
 * dev-token secret set (and restored), the Nest app (not listening: supertest) on an in-process
 * bus, the GraphQL helper, tokens per role, and one `close()`.
 */
import type { INestApplication } from '@nestjs/common';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, testTokens, type TestTokens } from '@xaso/testing';
import { DataSource } from 'typeorm';
import { createMergerApp } from '../src/bootstrap';

export interface MergerTestAppOptions {
  /** Prefix of the test database's name. */
  database: string;
  /** Import the real units on the empty database at start (the path `npm start` takes). */
  importIfEmpty: boolean;
  /** AUTH_DEV_SECRET for the file's dev tokens (default: the dev default). */
  secret?: string;
}

export interface MergerTestApp {
  app: INestApplication;
  dataSource: DataSource;
  /** The in-process bus the app's outbox relay publishes to. */
  bus: InProcessBus;
  tokens: TestTokens;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): ReturnType<typeof postGraphQL<T>>;
  /** Closes the app, drops the database, restores AUTH_DEV_SECRET. */
  close(): Promise<void>;
}

export async function startMergerTestApp(options: MergerTestAppOptions): Promise<MergerTestApp> {
  const savedSecret = process.env.AUTH_DEV_SECRET;
  if (options.secret) process.env.AUTH_DEV_SECRET = options.secret;
  const db = await createTestDatabase(options.database);
  const bus = new InProcessBus();
  const restore = () => {
    if (savedSecret === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = savedSecret;
  };
  let app: INestApplication;
  try {
    app = await createMergerApp({ databaseUrl: db.url, logger: false, importIfEmpty: options.importIfEmpty, transport: new InProcessTransport(bus) });
  } catch (error) {
    await db.drop().catch(() => undefined);
    restore();
    throw error;
  }
  return {
    app,
    dataSource: app.get(DataSource),
    bus,
    tokens: testTokens(options.secret),
    gql: (query, variables = {}, token) => postGraphQL(app, query, variables, token),
    close: async () => {
      await app.close();
      await db.drop();
      restore();
    },
  };
}
