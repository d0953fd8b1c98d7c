import { Client } from 'pg';
import { databaseNameOf, withDatabaseName } from './database-url';

/** First key of the advisory lock taken around database creation (second key: hash of the name). */
const CREATE_DATABASE_LOCK = 0x7861_0db0;

/**
 * Creates the database named in `url` if it does not exist yet (through the server's `postgres`
 * database). Two replicas starting at once serialize on an advisory lock per database name: the
 * second finds the database the first created (without it, CREATE DATABASE races end in
 * `duplicate key … pg_database_datname_index`).
 */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [CREATE_DATABASE_LOCK, name]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      try {
        await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // A creator that does not take the lock (an older release, a person): 42P04 =
        // duplicate_database, 23505 = the catalog's unique index caught the race.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await admin.end(); // ends the session, which releases the lock
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** True when a PostgreSQL server answers at `url` (short timeout; for probing where a server is). */
export async function databaseAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
