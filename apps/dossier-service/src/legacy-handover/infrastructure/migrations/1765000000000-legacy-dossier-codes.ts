import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossiers handed over from the old district and commune systems (issue 12) keep the legacy unit
 * and the original code on the citizen's receipt: the pair is unique (a re-sent batch stores
 * nothing twice) and the code alone finds the dossier for tracking.
 */
export class LegacyDossierCodes1765000000000 implements MigrationInterface {
  name = 'LegacyDossierCodes1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossier ADD COLUMN legacy_agency_code text, ADD COLUMN legacy_code text`);
    await q.query(`ALTER TABLE dossier ADD CONSTRAINT dossier_legacy_pair CHECK ((legacy_agency_code IS NULL) = (legacy_code IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX dossier_legacy_key ON dossier (legacy_agency_code, legacy_code) WHERE legacy_code IS NOT NULL`);
    await q.query(`CREATE INDEX dossier_legacy_code_idx ON dossier (legacy_code) WHERE legacy_code IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS dossier_legacy_code_idx`);
    await q.query(`DROP INDEX IF EXISTS dossier_legacy_key`);
    await q.query(`ALTER TABLE dossier DROP CONSTRAINT IF EXISTS dossier_legacy_pair, DROP COLUMN IF EXISTS legacy_code, DROP COLUMN IF EXISTS legacy_agency_code`);
  }
}
