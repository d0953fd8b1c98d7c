import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * evaluation-service schema. Scorecards are data: one row per (code, version) with the whole
 * definition as jsonb; a version named by a cycle is frozen (the FK keeps it from being deleted,
 * publication refuses to change it). An assessment row keeps searchable columns (state, total,
 * level) plus the aggregate (`body` jsonb, without history); every step is one `assessment_history`
 * row. `daily_fact` holds per-commune, per-day counts of each metric, written by the event
 * consumers with set-based upserts; rates are formed from sums at read time.
 */
export class CreateEvaluationTables1733000000000 implements MigrationInterface {
  name = 'CreateEvaluationTables1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scorecard (
        code text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        scope_kind text NOT NULL CHECK (scope_kind IN ('NATIONAL','PROVINCE')),
        province_code text,
        from_year integer NOT NULL,
        to_year integer,
        total_points numeric(7,2) NOT NULL,
        body jsonb NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version),
        CHECK ((scope_kind = 'PROVINCE') = (province_code IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE evaluation_cycle (
        id uuid PRIMARY KEY,
        year integer NOT NULL,
        province_code text NOT NULL,
        scorecard_code text NOT NULL,
        scorecard_version integer NOT NULL,
        unit_codes text[] NOT NULL,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (scorecard_code, scorecard_version) REFERENCES scorecard (code, version),
        UNIQUE (province_code, year, scorecard_code)
      )`);
    await q.query(`
      CREATE TABLE assessment (
        cycle_id uuid NOT NULL REFERENCES evaluation_cycle (id),
        unit_code text NOT NULL,
        province_code text NOT NULL,
        year integer NOT NULL,
        state text NOT NULL CHECK (state IN ('DRAFT','SUBMITTED','UNDER_REVIEW','RETURNED','APPROVED','RECOGNISED')),
        total numeric(7,2),
        level_code text,
        insufficient_data boolean NOT NULL DEFAULT false,
        body jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, unit_code)
      )`);
    // Rankings page by (total DESC, unit_code) within a cycle and province; insufficient data is not ranked.
    await q.query(`
      CREATE INDEX assessment_ranking_idx ON assessment (cycle_id, province_code, total DESC, unit_code)
        WHERE total IS NOT NULL AND NOT insufficient_data`);
    await q.query(`CREATE INDEX assessment_unit_year_idx ON assessment (unit_code, year DESC)`);
    await q.query(`
      CREATE TABLE assessment_history (
        cycle_id uuid NOT NULL,
        unit_code text NOT NULL,
        seq integer NOT NULL,
        step text NOT NULL,
        from_state text NOT NULL,
        to_state text NOT NULL,
        actor_id text NOT NULL,
        at timestamptz NOT NULL,
        reason text,
        changes jsonb NOT NULL,
        PRIMARY KEY (cycle_id, unit_code, seq),
        FOREIGN KEY (cycle_id, unit_code) REFERENCES assessment (cycle_id, unit_code)
      )`);
    await q.query(`
      CREATE TABLE daily_fact (
        unit_code text NOT NULL,
        day date NOT NULL,
        metric text NOT NULL,
        value bigint NOT NULL CHECK (value >= 0),
        PRIMARY KEY (unit_code, day, metric)
      )`);
    await q.query(`
      CREATE TABLE province_target (
        province_code text NOT NULL,
        scorecard_code text NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (province_code, scorecard_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['province_target', 'daily_fact', 'assessment_history', 'assessment', 'evaluation_cycle', 'scorecard']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
