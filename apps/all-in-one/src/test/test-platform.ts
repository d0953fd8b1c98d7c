/**
 * The harness of the all-in-one end-to-end tests: the whole back end (each service in its own
 * worker thread, the gateway in this one) on the test PostgreSQL server, with an isolated database
 * per service and one for the event bus (no KAFKA_BROKERS: events go through the bus database, as
 * with `npm start`), the dev token issuer on, and one `close()`.
 */
import { createTestDatabase } from '@xaso/testing';
import { type AllInOne, startAllInOne } from '../all-in-one';

export const TEST_SERVICES = ['dossier', 'evaluation', 'merger', 'petition', 'voting'];

export interface TestPlatform {
  system: AllInOne;
  /** The gateway's URL. */
  base: string;
  /** The databases by service name, and `bus`. */
  databases: Record<string, { url: string; drop(): Promise<void> }>;
  /** How long `startAllInOne` took (ms). */
  startMs: number;
  /** A token from the gateway's dev issuer (`POST /auth/dev/token`). */
  devToken(claims: Record<string, unknown>): Promise<string>;
  /** Stops the platform, drops the databases. */
  close(): Promise<void>;
}

export async function startTestPlatform(options: { database: string; logger?: boolean; logLevel?: string }): Promise<TestPlatform> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const databases: TestPlatform['databases'] = {};
  // Isolated databases per service and for the bus (the merger's is seeded with the real units).
  await Promise.all(
    [...TEST_SERVICES, 'bus'].map(async (name) => {
      databases[name] = await createTestDatabase(`${options.database}_${name}`);
    }),
  );
  // Read by @xaso/auth and @xaso/observability (the gateway, in this thread) from process.env.
  process.env.AUTH_DEV_ISSUER = 'true';
  process.env.LOG_LEVEL ??= options.logLevel ?? 'warn';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: serverUrl,
    EVENT_BUS_DATABASE_URL: databases.bus.url,
    ...Object.fromEntries(TEST_SERVICES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, databases[name].url])),
  };
  delete env.KAFKA_BROKERS;
  const began = Date.now();
  let system: AllInOne;
  try {
    system = await startAllInOne({ port: 0, serviceBasePort: 0, services: TEST_SERVICES, strict: true, logger: options.logger ?? false, env });
  } catch (error) {
    await Promise.all(Object.values(databases).map((d) => d.drop().catch(() => undefined)));
    throw error;
  }
  const startMs = Date.now() - began;
  const base = system.gatewayUrl;
  return {
    system,
    base,
    databases,
    startMs,
    devToken: async (claims) => {
      const response = await fetch(`${base}/auth/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(claims),
      });
      if (response.status !== 200) throw new Error(`dev token: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    close: async () => {
      await system.stop();
      await Promise.all(Object.values(databases).map((d) => d.drop()));
    },
  };
}
