import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Procedure catalogue completeness: the legal basis (căn cứ pháp lý) and the longest legal time
 * when verification is needed (`max_processing_days`, null when the law allows no extension).
 */
export class ProcedureLegalBasis1732500000000 implements MigrationInterface {
  name = 'ProcedureLegalBasis1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procedure ADD COLUMN legal_basis text NOT NULL DEFAULT ''`);
    await q.query(
      `ALTER TABLE procedure ADD COLUMN max_processing_days integer CHECK (max_processing_days IS NULL OR max_processing_days >= processing_days)`,
    );
    await q.query(`ALTER TABLE procedure ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE procedure ADD COLUMN updated_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['updated_by', 'updated_at', 'max_processing_days', 'legal_basis']) {
      await q.query(`ALTER TABLE procedure DROP COLUMN IF EXISTS ${column}`);
    }
  }
}
