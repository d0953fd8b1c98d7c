import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type KeysetPageRequest, type KeysetSlice, sliceOf } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/infrastructure/uuid';
import { FINAL_STATES, type RankedRow, ResultsRepository, type StoredResult } from '../application/results.repository.port';

const COLUMNS = `a.cycle_id, a.year, a.unit_code, a.province_code, a.state, a.total::float AS total, a.level_code, a.insufficient_data,
  c.scorecard_code, c.scorecard_version`;

interface Row {
  cycle_id: string;
  year: number;
  unit_code: string;
  province_code: string;
  state: string;
  total: number | null;
  level_code: string | null;
  insufficient_data: boolean;
  scorecard_code: string;
  scorecard_version: number;
  rank?: string;
}

const resultOf = (r: Row): StoredResult => ({
  cycleId: r.cycle_id,
  year: r.year,
  unitCode: r.unit_code,
  provinceCode: r.province_code,
  state: r.state,
  total: r.total,
  levelCode: r.level_code,
  insufficientData: r.insufficient_data,
  scorecardCode: r.scorecard_code,
  scorecardVersion: r.scorecard_version,
});

@Injectable()
export class PgResultsRepository extends ResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async ranking(cycleId: string, provinceCode: string, page: KeysetPageRequest): Promise<KeysetSlice<RankedRow>> {
    if (!isUuid(cycleId)) return sliceOf([], page.first, 0);
    const params: unknown[] = [cycleId, provinceCode, FINAL_STATES, page.first + 1];
    let after = '';
    if (page.after) {
      params.push(Number(page.after[0]), String(page.after[1]));
      after = `WHERE total < $5 OR (total = $5 AND unit_code > $6)`;
    }
    const rows: Row[] = await managerFor(this.dataSource).query(
      `WITH ranked AS (
         SELECT ${COLUMNS}, rank() OVER (ORDER BY a.total DESC) AS rank, count(*) OVER () AS total_count
         FROM assessment a JOIN evaluation_cycle c ON c.id = a.cycle_id
         WHERE a.cycle_id = $1 AND a.province_code = $2 AND a.state = ANY($3) AND a.total IS NOT NULL AND NOT a.insufficient_data)
       SELECT * FROM ranked ${after} ORDER BY total DESC, unit_code LIMIT $4`,
      params,
    );
    const [{ n }] = await managerFor(this.dataSource).query(
      `SELECT count(*)::int AS n FROM assessment WHERE cycle_id = $1 AND province_code = $2 AND state = ANY($3) AND total IS NOT NULL AND NOT insufficient_data`,
      [cycleId, provinceCode, FINAL_STATES],
    );
    return sliceOf(rows.map((r) => ({ ...resultOf(r), rank: Number(r.rank) })), page.first, n);
  }

  async cycleResults(provinceCode: string, year: number, scorecardCode: string): Promise<StoredResult[]> {
    const rows: Row[] = await managerFor(this.dataSource).query(
      `SELECT ${COLUMNS} FROM assessment a JOIN evaluation_cycle c ON c.id = a.cycle_id
       WHERE c.province_code = $1 AND c.year = $2 AND c.scorecard_code = $3 ORDER BY a.unit_code`,
      [provinceCode, year, scorecardCode],
    );
    return rows.map(resultOf);
  }

  async rankOf(cycleId: string, provinceCode: string, unitCode: string): Promise<number | null> {
    if (!isUuid(cycleId)) return null;
    const [row]: { rank: number }[] = await managerFor(this.dataSource).query(
      `WITH ranked AS (
         SELECT unit_code, total FROM assessment
         WHERE cycle_id = $1 AND province_code = $2 AND state = ANY($4) AND total IS NOT NULL AND NOT insufficient_data)
       SELECT (SELECT count(*)::int FROM ranked r WHERE r.total > me.total) + 1 AS rank FROM ranked me WHERE me.unit_code = $3`,
      [cycleId, provinceCode, unitCode, FINAL_STATES],
    );
    return row ? row.rank : null;
  }

  async latestFinal(unitCode: string, year: number): Promise<StoredResult | null> {
    const [row]: Row[] = await managerFor(this.dataSource).query(
      `SELECT ${COLUMNS} FROM assessment a JOIN evaluation_cycle c ON c.id = a.cycle_id
       WHERE a.unit_code = $1 AND a.year = $2 AND a.state = ANY($3) ORDER BY c.opened_at DESC LIMIT 1`,
      [unitCode, year, FINAL_STATES],
    );
    return row ? resultOf(row) : null;
  }
}
