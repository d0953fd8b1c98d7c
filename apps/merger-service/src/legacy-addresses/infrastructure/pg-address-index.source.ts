import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UnitLink } from '../../units/domain/unit';
import { pickUnit, type RegistryQuery, registryQuery, UNIT_COLUMNS, type UnitRow } from '../../units/infrastructure/unit-sql';
import { AddressIndexSource } from '../application/address-index-source.port';

@Injectable()
export class PgAddressIndexSource extends AddressIndexSource {
  private readonly query: RegistryQuery;

  constructor(@InjectDataSource() dataSource: DataSource) {
    super();
    this.query = registryQuery(dataSource);
  }

  async load() {
    const units = await this.query<UnitRow>(`SELECT ${UNIT_COLUMNS('u')} FROM administrative_unit u WHERE u.level IN ('PROVINCE', 'DISTRICT', 'COMMUNE')`);
    const links = await this.query<UnitLink>(
      `SELECT predecessor_code AS "predecessorCode", predecessor_valid_from::text AS "predecessorValidFrom",
              successor_code AS "successorCode", successor_valid_from::text AS "successorValidFrom", divided FROM unit_link`,
    );
    return { units: units.map(pickUnit), links };
  }

  async generation(): Promise<string> {
    const [row] = await this.query<{ g: string }>(
      // Villages are not indexed: a village created does not rebuild the index.
      `SELECT concat_ws('/', count(*), max(updated_at), (SELECT count(*) FROM unit_link)) AS g
       FROM administrative_unit WHERE level IN ('PROVINCE', 'DISTRICT', 'COMMUNE')`,
    );
    return row.g;
  }
}
