import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRearrangementPlans1764590000000 implements MigrationInterface {
  name = 'CreateRearrangementPlans1764590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rearrangement_plan (
        id                 uuid PRIMARY KEY,
        resolution_number  text NOT NULL,
        resolution_date    date NOT NULL,
        effective_date     date NOT NULL,
        status             text NOT NULL CHECK (status IN ('DRAFT','VALIDATED','SCHEDULED','APPLYING','APPLIED','FAILED','COMPENSATED','FAILED_TO_COMPENSATE')),
        province_code      text,
        title              text,
        imported           boolean NOT NULL DEFAULT false,
        entry_count        integer NOT NULL DEFAULT 0,
        created_by         text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at         timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX rearrangement_plan_list_idx ON rearrangement_plan (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX rearrangement_plan_status_idx ON rearrangement_plan (status, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE rearrangement_plan_entry (
        plan_id  uuid NOT NULL REFERENCES rearrangement_plan (id) ON DELETE CASCADE,
        idx      integer NOT NULL,
        kind     text NOT NULL CHECK (kind IN ('MERGE','DIVIDE','RENAME','RECLASSIFY','MOVE','ABOLISH')),
        entry    jsonb NOT NULL,
        PRIMARY KEY (plan_id, idx)
      )`);
    // What applying a plan wrote into the registry, so that its compensation undoes exactly that.
    await q.query(`
      CREATE TABLE rearrangement_registry_change (
        plan_id     uuid PRIMARY KEY REFERENCES rearrangement_plan (id) ON DELETE CASCADE,
        change      jsonb NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rearrangement_registry_change`);
    await q.query(`DROP TABLE IF EXISTS rearrangement_plan_entry`);
    await q.query(`DROP TABLE IF EXISTS rearrangement_plan`);
  }
}
