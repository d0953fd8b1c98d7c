import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalDate } from '@xaso/calendar';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { DailyFactRepository } from '../application/daily-fact.repository.port';
import type { DailyFact } from '../domain/daily-fact';

/** `DailyFactRepository` over `daily_fact` (joins the ambient transaction via managerFor). */
@Injectable()
export class PgDailyFactRepository extends DailyFactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async add(facts: readonly DailyFact[]): Promise<void> {
    // Grouped first: one statement may not update the same row twice.
    await managerFor(this.dataSource).query(
      `INSERT INTO daily_fact (unit_code, day, metric, value)
       SELECT unit_code, day, metric, sum(value) FROM unnest($1::text[], $2::date[], $3::text[], $4::bigint[]) AS f (unit_code, day, metric, value)
       GROUP BY unit_code, day, metric
       ON CONFLICT (unit_code, day, metric) DO UPDATE SET value = daily_fact.value + EXCLUDED.value`,
      [facts.map((f) => f.unitCode), facts.map((f) => f.day), facts.map((f) => f.metric), facts.map((f) => f.value)],
    );
  }

  async mark(facts: readonly DailyFact[]): Promise<void> {
    await managerFor(this.dataSource).query(
      `INSERT INTO daily_fact (unit_code, day, metric, value)
       SELECT DISTINCT unit_code, day, metric, 1 FROM unnest($1::text[], $2::date[], $3::text[]) AS f (unit_code, day, metric)
       ON CONFLICT (unit_code, day, metric) DO NOTHING`,
      [facts.map((f) => f.unitCode), facts.map((f) => f.day), facts.map((f) => f.metric)],
    );
  }

  /**
   * The unit's own facts, plus — following the replica's successor links backwards — the facts
   * of every commune merged whole into it (link not `divided`), on the days before that merger:
   * a merged commune's history is the sum of its predecessors' counts, so its rates are
   * Σ numerators / Σ denominators over all of them. A predecessor that kept the successor's code
   * is the unit itself (counted once). A divided predecessor's facts cannot be apportioned by
   * unit code and stay with the old code.
   */
  async between(unitCode: string, from: LocalDate, to: LocalDate): Promise<DailyFact[]> {
    const rows: { unit_code: string; day: string; metric: string; value: string }[] = await managerFor(this.dataSource).query(
      `WITH RECURSIVE predecessor (code, before_day, depth) AS (
         SELECT $1::text, NULL::date, 0
         UNION ALL
         SELECT l.from_code, LEAST(p.before_day, l.to_valid_from), p.depth + 1
         FROM predecessor p
         JOIN admin_unit_replica_link l ON l.to_code = p.code AND NOT l.divided AND l.from_code <> p.code
         WHERE p.depth < 8
       ),
       source AS (SELECT code, max(before_day) AS before_day, bool_or(depth = 0) AS itself FROM predecessor GROUP BY code)
       SELECT f.unit_code, f.day::text AS day, f.metric, f.value
       FROM source s JOIN daily_fact f ON f.unit_code = s.code AND f.day BETWEEN $2 AND $3
       WHERE s.itself OR f.day < s.before_day
       ORDER BY f.day, f.metric, f.unit_code`,
      [unitCode, from, to],
    );
    return rows.map((r) => ({ unitCode: r.unit_code, day: r.day, metric: r.metric, value: Number(r.value) }));
  }
}
