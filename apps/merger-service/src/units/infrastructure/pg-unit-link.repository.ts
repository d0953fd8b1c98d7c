import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LocalDate } from '@xaso/calendar';
import { type AdministrativeUnit, type UnitKey, type UnitLink, unitKeyString } from '../domain/unit';
import { IN_FORCE, pickUnit, type RegistryQuery, registryQuery, UNIT_COLUMNS, type UnitRow } from './unit-sql';

type LinkedRow = UnitRow & { keyCode: string; keyValidFrom: string; divided: boolean };
import { type LinkedUnit, UnitLinkRepository } from '../application/unit-link.repository.port';
import type { UnitUpsertResult } from '../application/unit.repository.port';

@Injectable()
export class PgUnitLinkRepository extends UnitLinkRepository {
  private readonly query: RegistryQuery;

  constructor(@InjectDataSource() dataSource: DataSource) {
    super();
    this.query = registryQuery(dataSource);
  }

  async upsertLinks(links: UnitLink[]): Promise<UnitUpsertResult> {
    const rows = await this.query<UnitKey & { inserted: boolean }>(
      `INSERT INTO unit_link (predecessor_code, predecessor_valid_from, successor_code, successor_valid_from, divided)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::date[], $5::boolean[])
       ON CONFLICT (predecessor_code, predecessor_valid_from, successor_code, successor_valid_from)
       DO UPDATE SET divided = EXCLUDED.divided WHERE unit_link.divided IS DISTINCT FROM EXCLUDED.divided
       RETURNING predecessor_code AS code, predecessor_valid_from::text AS "validFrom", (xmax = 0) AS inserted`,
      [
        links.map((l) => l.predecessorCode),
        links.map((l) => l.predecessorValidFrom),
        links.map((l) => l.successorCode),
        links.map((l) => l.successorValidFrom),
        links.map((l) => l.divided),
      ],
    );
    const inserted = rows.filter((r) => r.inserted).length;
    const changed = new Map(rows.map((r) => [unitKeyString(r), { code: r.code, validFrom: r.validFrom }]));
    return { inserted, updated: rows.length - inserted, changed: [...changed.values()] };
  }

  successorsOf(keys: UnitKey[]): Promise<LinkedUnit[][]> {
    return this.linked(keys, 'predecessor', 'successor');
  }

  predecessorsOf(keys: UnitKey[]): Promise<LinkedUnit[][]> {
    return this.linked(keys, 'successor', 'predecessor');
  }

  private async linked(keys: UnitKey[], from: 'predecessor' | 'successor', to: 'predecessor' | 'successor'): Promise<LinkedUnit[][]> {
    if (keys.length === 0) return [];
    const rows = await this.query<LinkedRow>(
      `SELECT ${UNIT_COLUMNS('u')}, l.${from}_code AS "keyCode", l.${from}_valid_from::text AS "keyValidFrom", l.divided
       FROM unnest($1::text[], $2::date[]) AS k(code, valid_from)
       JOIN unit_link l ON l.${from}_code = k.code AND l.${from}_valid_from = k.valid_from
       JOIN administrative_unit u ON u.code = l.${to}_code AND u.valid_from = l.${to}_valid_from
       ORDER BY u.code`,
      [keys.map((k) => k.code), keys.map((k) => k.validFrom)],
    );
    const byKey = new Map<string, LinkedUnit[]>(keys.map((k) => [unitKeyString(k), []]));
    for (const row of rows) {
      const unit = pickUnit(row);
      const other = { code: row.keyCode, validFrom: row.keyValidFrom };
      const [pred, succ] = from === 'predecessor' ? [other, unit] : [unit, other];
      byKey.get(unitKeyString(other))?.push({
        unit,
        link: {
          predecessorCode: pred.code,
          predecessorValidFrom: pred.validFrom,
          successorCode: succ.code,
          successorValidFrom: succ.validFrom,
          divided: row.divided,
        },
      });
    }
    return keys.map((k) => byKey.get(unitKeyString(k)) ?? []);
  }

  async currentUnitsFor(code: string, asOf: LocalDate, today: LocalDate): Promise<AdministrativeUnit[]> {
    // Walk successor links from the unit named on asOf; stop at units in force today. Depth-capped
    // so a (never expected) cycle cannot loop; UNION drops repeated rows.
    const rows = await this.query<UnitRow>(
      `WITH RECURSIVE walk(code, valid_from, depth) AS (
         SELECT u.code, u.valid_from, 0 FROM administrative_unit u WHERE u.code = $1 AND ${IN_FORCE('u', '$2::date')}
         UNION
         SELECT l.successor_code, l.successor_valid_from, w.depth + 1
         FROM walk w
         JOIN administrative_unit cur ON cur.code = w.code AND cur.valid_from = w.valid_from
         JOIN unit_link l ON l.predecessor_code = w.code AND l.predecessor_valid_from = w.valid_from
         WHERE NOT (${IN_FORCE('cur', '$3::date')}) AND w.depth < 32
       )
       SELECT DISTINCT ${UNIT_COLUMNS('u')} FROM walk w
       JOIN administrative_unit u ON u.code = w.code AND u.valid_from = w.valid_from
       WHERE ${IN_FORCE('u', '$3::date')}
       ORDER BY u.code`,
      [code, asOf, today],
    );
    return rows.map(pickUnit);
  }
}
