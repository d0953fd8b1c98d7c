import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * While a poll is open its ballots wait sealed (AES-256-GCM, `VOTING_BALLOT_KEYS`): the cast writes
 * the participation row and the sealed ballot in one transaction, so both carry the same `xmin`;
 * sealed, the ballot row tells a database reader nothing (no tracker, no choice) until the close
 * opens them and writes the board in tracker order. `poll_ballot` keeps only ballots cast before
 * this migration (plain), read and removed at their poll's close like the sealed ones.
 */
export class SealedPendingBallots1733000000003 implements MigrationInterface {
  name = 'SealedPendingBallots1733000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE poll_sealed_ballot (
        poll_id uuid NOT NULL,
        sealed text NOT NULL,
        PRIMARY KEY (poll_id, sealed)
      )`);
    await q.query(`CREATE TRIGGER poll_sealed_ballot_immutable BEFORE UPDATE OR DELETE ON poll_sealed_ballot FOR EACH ROW EXECUTE FUNCTION poll_refuse_change_after_close()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS poll_sealed_ballot`);
  }
}
