import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { CommuneVillages } from '../application/commune-villages.port';

/** The commune's villages in force on a day, from the service's admin-unit replica (merger-service's registry). */
@Injectable()
export class ReplicaCommuneVillages extends CommuneVillages {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async of(communeCode: string, asOf: string): Promise<Set<string>> {
    const rows: { code: string }[] = await managerFor(this.dataSource).query(
      `SELECT code FROM admin_unit_replica WHERE parent_code = $1 AND level = 'VILLAGE' AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [communeCode, asOf],
    );
    return new Set(rows.map((r) => r.code));
  }
}
