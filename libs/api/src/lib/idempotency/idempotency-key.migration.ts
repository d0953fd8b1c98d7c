import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `Idempotency-Key` table of a service (see `IdempotencyInterceptor`): one row per
 * (principal, key) with the request's fingerprint and, once the handler succeeded, the stored
 * response. Rows older than the retention are pruned (`IdempotencyKeyPruner`).
 *
 * Replaces the older dossier-service table of the same name (keyed by `caller`, written by a
 * hand-made service): its rows are only replay records kept for a day, so it is dropped, not copied.
 */
export class CreateIdempotencyKey1796000000000 implements MigrationInterface {
  name = 'CreateIdempotencyKey1796000000000';

  async up(q: QueryRunner): Promise<void> {
    const legacy: unknown[] = await q.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'idempotency_key' AND column_name = 'caller'`,
    );
    if (legacy.length) await q.query(`DROP TABLE idempotency_key`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS idempotency_key (
        principal     text NOT NULL,
        key           text NOT NULL,
        method        text NOT NULL,
        path          text NOT NULL,
        request_hash  text NOT NULL,
        status_code   integer,
        response      json,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS idempotency_key_created_at_idx ON idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_key`);
  }
}

/** Add to every service's data-source migrations (after its own). */
export const idempotencyMigrations = [CreateIdempotencyKey1796000000000];
