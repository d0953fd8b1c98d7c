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

  async between(unitCode: string, from: LocalDate, to: LocalDate): Promise<DailyFact[]> {
    const rows: { unit_code: string; day: string; metric: string; value: string }[] = await managerFor(this.dataSource).query(
      `SELECT unit_code, day::text AS day, metric, value FROM daily_fact WHERE unit_code = $1 AND day BETWEEN $2 AND $3 ORDER BY day, metric`,
      [unitCode, from, to],
    );
    return rows.map((r) => ({ unitCode: r.unit_code, day: r.day, metric: r.metric, value: Number(r.value) }));
  }
}
