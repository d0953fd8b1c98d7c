import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import type { ProvinceTargets } from '../../targets/domain/province-targets';
import { ProvinceTargetsRepository } from '../application/province-targets.repository.port';

@Injectable()
export class PgProvinceTargetsRepository extends ProvinceTargetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async ofProvince(provinceCode: string): Promise<ProvinceTargets[]> {
    const rows: { body: ProvinceTargets }[] = await managerFor(this.dataSource).query(
      `SELECT body FROM province_target WHERE province_code = $1 ORDER BY scorecard_code`,
      [provinceCode],
    );
    return rows.map((r) => r.body);
  }

  async save(t: ProvinceTargets): Promise<void> {
    await managerFor(this.dataSource).query(
      `INSERT INTO province_target (province_code, scorecard_code, body) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (province_code, scorecard_code) DO UPDATE SET body = EXCLUDED.body`,
      [t.provinceCode, t.scorecardCode, JSON.stringify(t)],
    );
  }
}
