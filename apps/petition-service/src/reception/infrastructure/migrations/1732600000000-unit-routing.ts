import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reception sessions and mediation cases keep the unit code as given when it named a unit
 * abolished on the record's date and the record went to its single successor (`unit_code`).
 * Petitions keep it in their `state` jsonb (`routedFromUnitCode`).
 */
export class ReceptionUnitRouting1732600000000 implements MigrationInterface {
  name = 'ReceptionUnitRouting1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reception_session ADD COLUMN IF NOT EXISTS routed_from_unit_code text`);
    await q.query(`ALTER TABLE mediation_case ADD COLUMN IF NOT EXISTS routed_from_unit_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mediation_case DROP COLUMN IF EXISTS routed_from_unit_code`);
    await q.query(`ALTER TABLE reception_session DROP COLUMN IF EXISTS routed_from_unit_code`);
  }
}
