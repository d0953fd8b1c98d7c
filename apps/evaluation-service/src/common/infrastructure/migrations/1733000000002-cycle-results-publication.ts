import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results publication: a province publishes a cycle's results after recognition; until then a
 * commune officer sees only their own assessment (no rankings, no other commune's result).
 */
export class CycleResultsPublication1733000000002 implements MigrationInterface {
  name = 'CycleResultsPublication1733000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_cycle ADD COLUMN IF NOT EXISTS published_at timestamptz`);
    await q.query(`ALTER TABLE evaluation_cycle ADD COLUMN IF NOT EXISTS published_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_cycle DROP COLUMN IF EXISTS published_by`);
    await q.query(`ALTER TABLE evaluation_cycle DROP COLUMN IF EXISTS published_at`);
  }
}
