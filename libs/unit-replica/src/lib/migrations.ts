import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin-unit replica a consuming service keeps (merger-service owns the units): unit versions
 * keyed by (code, valid_from) and the predecessor → successor links of rearrangements.
 *
 * Safe on databases that already have an older `admin_unit_replica` (dossier-service created one
 * without `type`/`parent_valid_from`): everything is IF NOT EXISTS, missing columns are added.
 */
export class CreateAdminUnitReplica1795300000000 implements MigrationInterface {
  name = 'CreateAdminUnitReplica1795300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS admin_unit_replica (
        code               text NOT NULL,
        valid_from         date NOT NULL,
        valid_to           date,
        name               text NOT NULL,
        level              text NOT NULL,
        type               text,
        parent_code        text,
        parent_valid_from  date,
        PRIMARY KEY (code, valid_from)
      )`);
    await q.query(`ALTER TABLE admin_unit_replica ADD COLUMN IF NOT EXISTS type text`);
    await q.query(`ALTER TABLE admin_unit_replica ADD COLUMN IF NOT EXISTS parent_valid_from date`);
    await q.query(`CREATE INDEX IF NOT EXISTS admin_unit_replica_parent_idx ON admin_unit_replica (parent_code, parent_valid_from)`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS admin_unit_replica_link (
        from_code        text NOT NULL,
        from_valid_from  date NOT NULL,
        to_code          text NOT NULL,
        to_valid_from    date NOT NULL,
        divided          boolean NOT NULL DEFAULT false,
        PRIMARY KEY (from_code, from_valid_from, to_code, to_valid_from)
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS admin_unit_replica_link_to_idx ON admin_unit_replica_link (to_code, to_valid_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS admin_unit_replica_link`);
    await q.query(`DROP INDEX IF EXISTS admin_unit_replica_parent_idx`);
    await q.query(`ALTER TABLE IF EXISTS admin_unit_replica DROP COLUMN IF EXISTS parent_valid_from`);
    await q.query(`ALTER TABLE IF EXISTS admin_unit_replica DROP COLUMN IF EXISTS type`);
  }
}

/**
 * What merger-service last announced about its registry (`admin-unit.imported`: how many unit
 * versions the import holds), so readiness can tell a filled replica from one still receiving
 * chunks. A replica filled before this table existed is taken as caught up with what it holds.
 */
export class CreateAdminUnitReplicaState1795400000000 implements MigrationInterface {
  name = 'CreateAdminUnitReplicaState1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS admin_unit_replica_state (
        id              boolean PRIMARY KEY DEFAULT true CHECK (id),
        announced_units integer NOT NULL,
        import_id       text,
        announced_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO admin_unit_replica_state (announced_units, import_id)
      SELECT count(*), NULL FROM admin_unit_replica HAVING count(*) > 0
      ON CONFLICT (id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS admin_unit_replica_state`);
  }
}

/** Add to the service's data-source migrations (after its own: the migrations are safe either way). */
export const unitReplicaMigrations = [CreateAdminUnitReplica1795300000000, CreateAdminUnitReplicaState1795400000000];
