import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Of each target's moved records: how many went by the village they name and how many by their address (issue 12, item 4). */
export class ReportMoveRules1764600000100 implements MigrationInterface {
  name = 'ReportMoveRules1764600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rearrangement_report_target ADD COLUMN by_village integer NOT NULL DEFAULT 0, ADD COLUMN by_address integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rearrangement_report_target DROP COLUMN by_village, DROP COLUMN by_address`);
  }
}
