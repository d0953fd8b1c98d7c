import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import type { LocalDate } from '@xaso/calendar';
import { searchText } from '../domain/search-text';
import { type AdministrativeUnit, type UnitKey, type UnitLevel, type UnitLink, unitKeyString } from '../domain/unit';
import {
  type ChildrenRequest,
  type LinkedUnit,
  type UnitListFilter,
  type UnitPage,
  type UnitPageQuery,
  UnitRepository,
  type UnitUpsertResult,
  type UnitWithSuccessors,
} from '../application/ports';

/** Columns as the domain wants them (dates as YYYY-MM-DD text, never JS Dates). */
const UNIT_COLUMNS = (a: string) => `
  ${a}.code, ${a}.valid_from::text AS "validFrom", ${a}.valid_to::text AS "validTo", ${a}.level, ${a}.type, ${a}.name,
  ${a}.parent_code AS "parentCode", ${a}.parent_valid_from::text AS "parentValidFrom"`;

const IN_FORCE = (a: string, day: string) => `${a}.valid_from <= ${day} AND (${a}.valid_to IS NULL OR ${a}.valid_to >= ${day})`;

type UnitRow = AdministrativeUnit;
type LinkedRow = UnitRow & { keyCode: string; keyValidFrom: string; linkCode: string; linkValidFrom: string; divided: boolean };

function pickUnit(row: UnitRow): AdministrativeUnit {
  return {
    code: row.code,
    validFrom: row.validFrom,
    validTo: row.validTo,
    level: row.level,
    type: row.type,
    name: row.name,
    parentCode: row.parentCode,
    parentValidFrom: row.parentValidFrom,
  };
}

const INSERT_UNITS = `INSERT INTO administrative_unit
    (code, valid_from, valid_to, level, type, name, search_name, parent_code, parent_valid_from)
  SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[])`;

/** Column arrays for INSERT_UNITS (one array per column: one round trip whatever the row count). */
function unitArrays(units: AdministrativeUnit[]): unknown[] {
  return [
    units.map((u) => u.code),
    units.map((u) => u.validFrom),
    units.map((u) => u.validTo),
    units.map((u) => u.level),
    units.map((u) => u.type),
    units.map((u) => u.name),
    units.map((u) => searchText(u.name)),
    units.map((u) => u.parentCode),
    units.map((u) => u.parentValidFrom),
  ];
}

@Injectable()
export class PgUnitRepository extends UnitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return managerFor(this.dataSource).query(sql, params);
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

  async list(filter: UnitListFilter, page: UnitPageQuery): Promise<UnitPage> {
    const params: unknown[] = [filter.asOf];
    const where = [IN_FORCE('u', '$1::date')];
    if (filter.level) {
      params.push(filter.level);
      where.push(`u.level = $${params.length}`);
    }
    if (filter.parentCode) {
      params.push(filter.parentCode);
      where.push(`(u.parent_code, u.parent_valid_from) IN (
        SELECT p.code, p.valid_from FROM administrative_unit p WHERE p.code = $${params.length} AND ${IN_FORCE('p', '$1::date')})`);
    }
    const search = filter.search ? searchText(filter.search) : '';
    if (search) {
      params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`u.search_name LIKE $${params.length}`);
    }
    params.push(page.afterCode, page.first + 1);
    const rows = await this.query<UnitRow & { total: string }>(
      `WITH matching AS (SELECT u.*, count(*) OVER () AS total FROM administrative_unit u WHERE ${where.join(' AND ')})
       SELECT ${UNIT_COLUMNS('m')}, m.total FROM matching m
       WHERE $${params.length - 1}::text IS NULL OR m.code > $${params.length - 1}::text
       ORDER BY m.code LIMIT $${params.length}`,
      params,
    );
    let totalCount = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page.afterCode) {
      // The page after the last one: the total still has to be told.
      const [count] = await this.query<{ total: string }>(
        `SELECT count(*) AS total FROM administrative_unit u WHERE ${where.join(' AND ')}`,
        params.slice(0, -2),
      );
      totalCount = Number(count.total);
    }
    return { items: rows.slice(0, page.first).map(pickUnit), totalCount, hasNextPage: rows.length > page.first };
  }

  async childrenOf(requests: ChildrenRequest[], level: UnitLevel | undefined, page: UnitPageQuery): Promise<UnitPage[]> {
    if (requests.length === 0) return [];
    const rows = await this.query<UnitRow & { idx: number; total: string; rn: string }>(
      `WITH req AS (
         SELECT * FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS r(code, valid_from, as_of, idx)
       ), kids AS (
         SELECT r.idx, u.*, count(*) OVER (PARTITION BY r.idx) AS total
         FROM req r JOIN administrative_unit u
           ON u.parent_code = r.code AND u.parent_valid_from = r.valid_from AND ${IN_FORCE('u', 'r.as_of')}
         WHERE $4::text IS NULL OR u.level = $4::text
       ), paged AS (
         SELECT k.*, row_number() OVER (PARTITION BY k.idx ORDER BY k.code) AS rn FROM kids k
         WHERE $5::text IS NULL OR k.code > $5::text
       )
       SELECT ${UNIT_COLUMNS('p')}, p.idx::int AS idx, p.total, p.rn FROM paged p WHERE p.rn <= $6 ORDER BY p.idx, p.rn`,
      [
        requests.map((r) => r.parent.code),
        requests.map((r) => r.parent.validFrom),
        requests.map((r) => r.asOf),
        level ?? null,
        page.afterCode,
        page.first + 1,
      ],
    );
    const pages: UnitPage[] = requests.map(() => ({ items: [], totalCount: 0, hasNextPage: false }));
    for (const row of rows) {
      const target = pages[row.idx - 1];
      target.totalCount = Number(row.total);
      if (Number(row.rn) > page.first) target.hasNextPage = true;
      else target.items.push(pickUnit(row));
    }
    // A page past the end has no rows to carry the total; count those parents once more.
    const missing = requests.map((r, i) => ({ r, i })).filter(({ i }) => page.afterCode && pages[i].items.length === 0);
    if (missing.length) {
      const counts = await this.query<{ idx: number; total: string }>(
        `SELECT r.idx::int AS idx, count(u.code) AS total
         FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS r(code, valid_from, as_of, idx)
         LEFT JOIN administrative_unit u ON u.parent_code = r.code AND u.parent_valid_from = r.valid_from
           AND ${IN_FORCE('u', 'r.as_of')} AND ($4::text IS NULL OR u.level = $4::text)
         GROUP BY r.idx`,
        [
          missing.map(({ r }) => r.parent.code),
          missing.map(({ r }) => r.parent.validFrom),
          missing.map(({ r }) => r.asOf),
          level ?? null,
        ],
      );
      for (const count of counts) pages[missing[count.idx - 1].i].totalCount = Number(count.total);
    }
    return pages;
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
