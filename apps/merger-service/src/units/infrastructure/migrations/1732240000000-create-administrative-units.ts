import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAdministrativeUnits1732240000000 implements MigrationInterface {
  name = 'CreateAdministrativeUnits1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE administrative_unit (
        code               text    NOT NULL,
        valid_from         date    NOT NULL,
        valid_to           date,
        level              text    NOT NULL CHECK (level IN ('PROVINCE','DISTRICT','COMMUNE','VILLAGE')),
        type               text    NOT NULL,
        name               text    NOT NULL,
        search_name        text    NOT NULL,
        parent_code        text,
        parent_valid_from  date,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, valid_from),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK ((parent_code IS NULL) = (parent_valid_from IS NULL)),
        FOREIGN KEY (parent_code, parent_valid_from) REFERENCES administrative_unit (code, valid_from)
      )`);
    await q.query(`CREATE INDEX administrative_unit_parent_idx ON administrative_unit (parent_code, parent_valid_from, level, code)`);
    await q.query(`CREATE INDEX administrative_unit_level_idx ON administrative_unit (level, code)`);
    await q.query(`
      CREATE TABLE unit_link (
        predecessor_code        text NOT NULL,
        predecessor_valid_from  date NOT NULL,
        successor_code          text NOT NULL,
        successor_valid_from    date NOT NULL,
        divided                 boolean NOT NULL DEFAULT false,
        PRIMARY KEY (predecessor_code, predecessor_valid_from, successor_code, successor_valid_from),
        FOREIGN KEY (predecessor_code, predecessor_valid_from) REFERENCES administrative_unit (code, valid_from),
        FOREIGN KEY (successor_code, successor_valid_from) REFERENCES administrative_unit (code, valid_from)
      )`);
    await q.query(`CREATE INDEX unit_link_successor_idx ON unit_link (successor_code, successor_valid_from)`);
    await q.query(`
      CREATE TABLE village_sequence (
        commune_code        text NOT NULL,
        commune_valid_from  date NOT NULL,
        last_value          integer NOT NULL,
        PRIMARY KEY (commune_code, commune_valid_from)
      )`);
    // Substring search on the accent-folded name: a trigram index where pg_trgm can be installed;
    // without it (no privilege, no contrib) search still works, by scanning ~14k rows.
    await q.query(`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX administrative_unit_search_idx ON administrative_unit USING gin (search_name gin_trgm_ops);
      EXCEPTION WHEN others THEN
        RAISE NOTICE 'pg_trgm unavailable, search without index: %', SQLERRM;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS village_sequence`);
    await q.query(`DROP TABLE IF EXISTS unit_link`);
    await q.query(`DROP TABLE IF EXISTS administrative_unit`);
  }
}
