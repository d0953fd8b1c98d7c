import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { type PublishedScorecard, ScorecardRepository } from '../application/scorecard.repository.port';
import type { Scorecard } from '../domain/scorecard';

interface ScorecardRow {
  body: Scorecard;
  in_use: boolean;
  published_by: string;
  published_at: Date;
}

const SELECT = `SELECT s.body, s.published_by, s.published_at,
    EXISTS (SELECT 1 FROM evaluation_cycle c WHERE c.scorecard_code = s.code AND c.scorecard_version = s.version) AS in_use
  FROM scorecard s`;

const published = (r: ScorecardRow): PublishedScorecard => ({
  scorecard: r.body,
  inUse: r.in_use,
  publishedBy: r.published_by,
  publishedAt: r.published_at.toISOString(),
});

/** `ScorecardRepository` over `scorecard` (the definition as jsonb; in use = named by a cycle). */
@Injectable()
export class PgScorecardRepository extends ScorecardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async all(): Promise<PublishedScorecard[]> {
    return (await managerFor(this.dataSource).query(`${SELECT} ORDER BY s.code, s.version`)).map(published);
  }

  async get(code: string, version: number): Promise<PublishedScorecard | null> {
    const [row] = await managerFor(this.dataSource).query(`${SELECT} WHERE s.code = $1 AND s.version = $2`, [code, version]);
    return row ? published(row) : null;
  }

  async versionsForUpdate(code: string): Promise<PublishedScorecard[]> {
    const manager = managerFor(this.dataSource);
    // Serialises publications of one code, also the first one (no row to lock yet).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('scorecard:' || $1))`, [code]);
    return (await manager.query(`${SELECT} WHERE s.code = $1 ORDER BY s.version`, [code])).map(published);
  }

  async save(s: Scorecard, publishedBy: string): Promise<void> {
    await managerFor(this.dataSource).query(
      `INSERT INTO scorecard (code, version, scope_kind, province_code, from_year, to_year, total_points, body, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
       ON CONFLICT (code, version) DO UPDATE SET scope_kind = EXCLUDED.scope_kind, province_code = EXCLUDED.province_code,
         from_year = EXCLUDED.from_year, to_year = EXCLUDED.to_year, total_points = EXCLUDED.total_points, body = EXCLUDED.body,
         published_by = EXCLUDED.published_by, published_at = now()`,
      [s.code, s.version, s.scope.kind, s.scope.kind === 'PROVINCE' ? s.scope.provinceCode : null, s.validYears.fromYear, s.validYears.toYear, s.totalPoints, JSON.stringify(s), publishedBy],
    );
  }
}
