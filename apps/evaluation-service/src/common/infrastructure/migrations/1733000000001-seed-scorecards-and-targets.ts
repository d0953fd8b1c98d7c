import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_SCORECARDS } from '../../../scorecards/domain/seed';
import { HAI_DUONG_TARGETS } from '../../../targets/domain/seed/hai-duong-targets';

/**
 * The scorecards and province targets a fresh evaluation database starts with (Hải Dương's
 * friendly-government standard, the Decision 766 service index, Hải Dương's 2024–2030 targets).
 * Written from the domain seeds as one set-based insert each; later changes are new versions.
 */
export class SeedScorecardsAndTargets1733000000001 implements MigrationInterface {
  name = 'SeedScorecardsAndTargets1733000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO scorecard (code, version, scope_kind, province_code, from_year, to_year, total_points, body, published_by)
       SELECT s->>'code', (s->>'version')::int, s#>>'{scope,kind}', s#>>'{scope,provinceCode}',
              (s#>>'{validYears,fromYear}')::int, (s#>>'{validYears,toYear}')::int, (s->>'totalPoints')::numeric, s, 'seed'
       FROM jsonb_array_elements($1::jsonb) AS s
       ON CONFLICT (code, version) DO NOTHING`,
      [JSON.stringify(SEED_SCORECARDS)],
    );
    await q.query(
      `INSERT INTO province_target (province_code, scorecard_code, body) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (province_code, scorecard_code) DO NOTHING`,
      [HAI_DUONG_TARGETS.provinceCode, HAI_DUONG_TARGETS.scorecardCode, JSON.stringify(HAI_DUONG_TARGETS)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM province_target WHERE province_code = $1 AND scorecard_code = $2`, [HAI_DUONG_TARGETS.provinceCode, HAI_DUONG_TARGETS.scorecardCode]);
    await q.query(`DELETE FROM scorecard WHERE published_by = 'seed' AND NOT EXISTS (SELECT 1 FROM evaluation_cycle c WHERE c.scorecard_code = scorecard.code)`);
  }
}
