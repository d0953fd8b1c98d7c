import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A participant's own bookkeeping of the rearrangement saga, in the participant's database:
 *
 * - `rearrangement_move`: every record a plan moved (record type + id, source → target), the
 *   batch that moved it and, once moved back, when. A record is moved at most once per plan
 *   (primary key), whatever redeliveries or retries bring; compensation re-points exactly these.
 * - `rearrangement_ledger`: per (plan, step, unit, record type) the counts when the step first
 *   ran for that unit (`before`, `carried_over`): the idempotency key plan + step + service + unit.
 */
export class RearrangementParticipantTables1733100000000 implements MigrationInterface {
  name = 'RearrangementParticipantTables1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS rearrangement_move (
        plan_id               text NOT NULL,
        record_type           text NOT NULL,
        record_id             text NOT NULL,
        source_code           text NOT NULL,
        target_code           text NOT NULL,
        batch_id              uuid NOT NULL,
        moved_at              timestamptz NOT NULL DEFAULT now(),
        compensated_at        timestamptz,
        compensation_batch_id uuid,
        PRIMARY KEY (plan_id, record_type, record_id)
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS rearrangement_move_batch_idx ON rearrangement_move (batch_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS rearrangement_move_source_idx ON rearrangement_move (plan_id, source_code)`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS rearrangement_ledger (
        plan_id       text NOT NULL,
        step          text NOT NULL,
        unit_code     text NOT NULL,
        record_type   text NOT NULL,
        before        integer NOT NULL,
        carried_over  integer NOT NULL,
        first_run_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, step, unit_code, record_type)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rearrangement_ledger`);
    await q.query(`DROP TABLE IF EXISTS rearrangement_move`);
  }
}

/**
 * The rule each logged move went by (`unit`: the whole source; `village`; `address`; `review`: an
 * officer's assignment), and `rearrangement_word_key(text)`: the SQL twin of `wordKey` in
 * @xaso/text (folded, non-alphanumerics as one space, numbers without leading zeros), immutable so
 * the address rule is one set-based statement over the records' addresses.
 */
export class RearrangementMoveRule1733100000001 implements MigrationInterface {
  name = 'RearrangementMoveRule1733100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rearrangement_move ADD COLUMN IF NOT EXISTS rule text NOT NULL DEFAULT 'unit'`);
    await q.query(`
      CREATE OR REPLACE FUNCTION rearrangement_word_key(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT btrim(regexp_replace(
                 ' ' || regexp_replace(lower(translate(regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dd')), '[^a-z0-9]+', ' ', 'g') || ' ',
                 ' 0+([0-9]+)(?= )', ' \\1', 'g'))
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS rearrangement_word_key(text)`);
    await q.query(`ALTER TABLE rearrangement_move DROP COLUMN IF EXISTS rule`);
  }
}

/**
 * The move log keeps only its primary key: every logged record paid for an entry in the `batch_id`
 * and the (plan, source) indexes. The service's own rows are now written by the move statement from
 * its `RETURNING` (no lookup by batch), and a first run reports what its statement moved (by source
 * only when a step runs again; an assignment reads its records by key).
 */
export class RearrangementMoveLogPrimaryKeyOnly1733100000002 implements MigrationInterface {
  name = 'RearrangementMoveLogPrimaryKeyOnly1733100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS rearrangement_move_batch_idx`);
    await q.query(`DROP INDEX IF EXISTS rearrangement_move_source_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS rearrangement_move_batch_idx ON rearrangement_move (batch_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS rearrangement_move_source_idx ON rearrangement_move (plan_id, source_code)`);
  }
}

/** Add to a participant's migrations (after its own tables). */
export const rearrangementParticipantMigrations = [
  RearrangementParticipantTables1733100000000,
  RearrangementMoveRule1733100000001,
  RearrangementMoveLogPrimaryKeyOnly1733100000002,
];
