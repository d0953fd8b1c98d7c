import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The representative replacement log also keeps whom was replaced by name and why (issue 10: "logged"). */
export class RepresentativeChangeReason1733000000001 implements MigrationInterface {
  name = 'RepresentativeChangeReason1733000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE poll_representative_change ADD COLUMN previous_name text NOT NULL DEFAULT '', ADD COLUMN reason text NOT NULL DEFAULT ''`);
    await q.query(`CREATE INDEX poll_representative_change_poll_idx ON poll_representative_change (poll_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS poll_representative_change_poll_idx`);
    await q.query(`ALTER TABLE poll_representative_change DROP COLUMN reason, DROP COLUMN previous_name`);
  }
}
