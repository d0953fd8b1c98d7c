import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The successor assessments a plan created (compensation deletes exactly these while still untouched DRAFTs). */
export class RearrangementCreatedAssessments1733100000100 implements MigrationInterface {
  name = 'RearrangementCreatedAssessments1733100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS rearrangement_created_assessment (
        plan_id    text NOT NULL,
        cycle_id   uuid NOT NULL,
        unit_code  text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, cycle_id, unit_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rearrangement_created_assessment`);
  }
}
