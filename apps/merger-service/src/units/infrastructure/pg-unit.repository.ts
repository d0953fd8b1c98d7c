import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LocalDate } from '@xaso/calendar';
import type { AdministrativeUnit, UnitKey } from '../domain/unit';
import { villageFullName } from '../domain/village';
import { INSERT_UNITS, IN_FORCE, pickUnit, type RegistryQuery, registryQuery, UNIT_COLUMNS, type UnitRow, unitArrays } from './unit-sql';
import { UnitRepository, type UnitUpsertResult, type UnitWithSuccessors } from '../application/unit.repository.port';

@Injectable()
export class PgUnitRepository extends UnitRepository {
  private readonly query: RegistryQuery;

  constructor(@InjectDataSource() dataSource: DataSource) {
    super();
    this.query = registryQuery(dataSource);
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM administrative_unit LIMIT 1');
    return rows.length === 0;
  }

  /** One statement for all rows: arrays → unnest → upsert. Rows that would not change are not touched. */
  async upsertUnits(units: AdministrativeUnit[]): Promise<UnitUpsertResult> {
    const rows = await this.query<UnitKey & { inserted: boolean }>(
      `${INSERT_UNITS}
       ON CONFLICT (code, valid_from) DO UPDATE SET
         valid_to = EXCLUDED.valid_to, level = EXCLUDED.level, type = EXCLUDED.type, name = EXCLUDED.name,
         search_name = EXCLUDED.search_name, parent_code = EXCLUDED.parent_code,
         parent_valid_from = EXCLUDED.parent_valid_from, updated_at = now()
       WHERE (administrative_unit.valid_to, administrative_unit.level, administrative_unit.type, administrative_unit.name,
              administrative_unit.parent_code, administrative_unit.parent_valid_from)
         IS DISTINCT FROM (EXCLUDED.valid_to, EXCLUDED.level, EXCLUDED.type, EXCLUDED.name,
              EXCLUDED.parent_code, EXCLUDED.parent_valid_from)
       RETURNING code, valid_from::text AS "validFrom", (xmax = 0) AS inserted`,
      unitArrays(units),
    );
    const inserted = rows.filter((r) => r.inserted).length;
    return { inserted, updated: rows.length - inserted, changed: rows.map((r) => ({ code: r.code, validFrom: r.validFrom })) };
  }

  /** A new unit version; an existing (code, validFrom) is a bug upstream and fails (unique violation). */
  async insertUnit(unit: AdministrativeUnit): Promise<void> {
    await this.query(INSERT_UNITS, unitArrays([unit]));
  }

  async withSuccessors(keys: UnitKey[]): Promise<UnitWithSuccessors[]> {
    if (keys.length === 0) return [];
    const rows = await this.query<UnitRow & { successors: UnitWithSuccessors['successors'] }>(
      `SELECT ${UNIT_COLUMNS('u')},
         COALESCE((SELECT json_agg(json_build_object('code', l.successor_code, 'validFrom', l.successor_valid_from::text, 'divided', l.divided)
                                   ORDER BY l.successor_code, l.successor_valid_from)
                   FROM unit_link l WHERE l.predecessor_code = u.code AND l.predecessor_valid_from = u.valid_from), '[]'::json) AS successors
       FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::date[]) AS k(code, valid_from)) k
       JOIN administrative_unit u ON u.code = k.code AND u.valid_from = k.valid_from
       ORDER BY (u.valid_to IS NULL) DESC, u.valid_from DESC, u.code`,
      [keys.map((k) => k.code), keys.map((k) => k.validFrom)],
    );
    return rows.map((row) => ({ ...pickUnit(row), successors: row.successors }));
  }

  /** Concurrency-safe: the upsert takes the row lock, so two officers never get the same number. */
  async nextVillageSequence(commune: UnitKey): Promise<number> {
    const [row] = await this.query<{ value: number }>(
      `INSERT INTO village_sequence (commune_code, commune_valid_from, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (commune_code, commune_valid_from) DO UPDATE SET last_value = village_sequence.last_value + 1
       RETURNING last_value AS value`,
      [commune.code, commune.validFrom],
    );
    return row.value;
  }

  async findInForce(code: string, asOf: LocalDate): Promise<AdministrativeUnit | null> {
    const [row] = await this.query<UnitRow>(
      `SELECT ${UNIT_COLUMNS('u')} FROM administrative_unit u WHERE u.code = $1 AND ${IN_FORCE('u', '$2::date')}
       ORDER BY u.valid_from DESC LIMIT 1`,
      [code, asOf],
    );
    return row ? pickUnit(row) : null;
  }

  async latestVersionOnOrBefore(code: string, asOf: LocalDate): Promise<AdministrativeUnit | null> {
    const [row] = await this.query<UnitRow>(
      `SELECT ${UNIT_COLUMNS('u')} FROM administrative_unit u WHERE u.code = $1 AND u.valid_from <= $2::date ORDER BY u.valid_from DESC LIMIT 1`,
      [code, asOf],
    );
    return row ? pickUnit(row) : null;
  }

  async findByKeys(keys: UnitKey[]): Promise<AdministrativeUnit[]> {
    if (keys.length === 0) return [];
    const rows = await this.query<UnitRow>(
      `SELECT ${UNIT_COLUMNS('u')} FROM unnest($1::text[], $2::date[]) AS k(code, valid_from)
       JOIN administrative_unit u ON u.code = k.code AND u.valid_from = k.valid_from`,
      [keys.map((k) => k.code), keys.map((k) => k.validFrom)],
    );
    return rows.map(pickUnit);
  }

  async fullNamesInForce(codes: readonly string[], asOf: LocalDate): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.query<{ code: string; type: string; name: string }>(
      `SELECT DISTINCT ON (u.code) u.code, u.type, u.name FROM administrative_unit u
        WHERE u.code = ANY($1::text[]) AND ${IN_FORCE('u', '$2::date')} ORDER BY u.code, u.valid_from DESC`,
      [codes, asOf],
    );
    return new Map(rows.map((r) => [r.code, villageFullName(r.type, r.name)]));
  }
}
