import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { UnitNames } from '../application/unit-names.port';

/** Names from the admin-unit replica: one query per page of codes. */
@Injectable()
export class PgUnitNames extends UnitNames {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async namesOf(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; name: string }[] = await managerFor(this.dataSource).query(
      `SELECT DISTINCT ON (code) code, name FROM admin_unit_replica WHERE code = ANY($1::text[]) ORDER BY code, valid_from DESC`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
