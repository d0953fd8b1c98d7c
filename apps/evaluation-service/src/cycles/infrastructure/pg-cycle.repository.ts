import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import type { Assessment, AssessmentState } from '../../assessments/domain/assessment';
import { assessmentBodyOf } from '../../assessments/infrastructure/assessment-row';
import { isUuid } from '../../common/infrastructure/uuid';
import type { Cycle } from '../application/cycle';
import { CycleRepository } from '../application/cycle.repository.port';

interface CycleRow {
  id: string;
  year: number;
  province_code: string;
  scorecard_code: string;
  scorecard_version: number;
  unit_codes: string[];
  opened_by: string;
  opened_at: Date;
  published_at: Date | null;
}

@Injectable()
export class PgCycleRepository extends CycleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async insert(c: Cycle, drafts: readonly Assessment[]): Promise<boolean> {
    const manager = managerFor(this.dataSource);
    const inserted = await manager.query(
      `INSERT INTO evaluation_cycle (id, year, province_code, scorecard_code, scorecard_version, unit_codes, opened_by, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (province_code, year, scorecard_code) DO NOTHING RETURNING id`,
      [c.id, c.year, c.provinceCode, c.scorecardCode, c.scorecardVersion, c.unitCodes, c.openedBy, c.openedAt],
    );
    if (inserted.length === 0) return false;
    await manager.query(
      `INSERT INTO assessment (cycle_id, unit_code, province_code, year, state, body)
       SELECT $1, unit_code, $2, $3, 'DRAFT', body FROM unnest($4::text[], $5::jsonb[]) AS d (unit_code, body)`,
      [c.id, c.provinceCode, c.year, drafts.map((d) => d.unitCode), drafts.map((d) => JSON.stringify(assessmentBodyOf(d)))],
    );
    return true;
  }

  async get(id: string, lock = false): Promise<Cycle | null> {
    if (!isUuid(id)) return null;
    const [r]: CycleRow[] = await managerFor(this.dataSource).query(`SELECT * FROM evaluation_cycle WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!r) return null;
    return {
      id: r.id,
      year: r.year,
      provinceCode: r.province_code,
      scorecardCode: r.scorecard_code,
      scorecardVersion: r.scorecard_version,
      unitCodes: r.unit_codes,
      openedBy: r.opened_by,
      openedAt: r.opened_at.toISOString(),
      publishedAt: r.published_at?.toISOString() ?? null,
    };
  }

  async stateCounts(id: string): Promise<Map<AssessmentState, number>> {
    if (!isUuid(id)) return new Map();
    const rows: { state: AssessmentState; n: number }[] = await managerFor(this.dataSource).query(
      `SELECT state, count(*)::int AS n FROM assessment WHERE cycle_id = $1 GROUP BY state`,
      [id],
    );
    return new Map(rows.map((r) => [r.state, r.n]));
  }

  async markPublished(id: string, by: string, at: Date): Promise<void> {
    await managerFor(this.dataSource).query(`UPDATE evaluation_cycle SET published_at = $2, published_by = $3 WHERE id = $1`, [id, at, by]);
  }
}
