import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a poll closed before its closesAt, when a rule closed it (issue 12: its village left the commune in a rearrangement). */
export class PollCloseReason1733000000002 implements MigrationInterface {
  name = 'PollCloseReason1733000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE poll ADD COLUMN close_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE poll DROP COLUMN close_reason`);
  }
}
