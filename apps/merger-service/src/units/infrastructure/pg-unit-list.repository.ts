import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type KeysetPageRequest, type KeysetSlice, sliceOf } from '@xaso/api';
import { searchText } from '../domain/search-text';
import type { AdministrativeUnit, UnitLevel } from '../domain/unit';
import { IN_FORCE, pickUnit, type RegistryQuery, registryQuery, UNIT_COLUMNS, type UnitRow } from './unit-sql';

/** The code to continue after (units page by code). */
const afterCode = (page: KeysetPageRequest): string | null => (page.after ? String(page.after[0]) : null);
import { type ChildrenRequest, type UnitListFilter, UnitListRepository } from '../application/unit-list.repository.port';

@Injectable()
export class PgUnitListRepository extends UnitListRepository {
  private readonly query: RegistryQuery;

  constructor(@InjectDataSource() dataSource: DataSource) {
    super();
    this.query = registryQuery(dataSource);
  }

  async list(filter: UnitListFilter, page: KeysetPageRequest): Promise<KeysetSlice<AdministrativeUnit>> {
    const after = afterCode(page);
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
    params.push(after, page.first + 1);
    const rows = await this.query<UnitRow & { total: string }>(
      `WITH matching AS (SELECT u.*, count(*) OVER () AS total FROM administrative_unit u WHERE ${where.join(' AND ')})
       SELECT ${UNIT_COLUMNS('m')}, m.total FROM matching m
       WHERE $${params.length - 1}::text IS NULL OR m.code > $${params.length - 1}::text
       ORDER BY m.code LIMIT $${params.length}`,
      params,
    );
    let totalCount = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && after) {
      // The page after the last one: the total still has to be told.
      const [count] = await this.query<{ total: string }>(
        `SELECT count(*) AS total FROM administrative_unit u WHERE ${where.join(' AND ')}`,
        params.slice(0, -2),
      );
      totalCount = Number(count.total);
    }
    return sliceOf(rows.map(pickUnit), page.first, totalCount);
  }

  async childrenOf(requests: ChildrenRequest[], level: UnitLevel | undefined, page: KeysetPageRequest): Promise<KeysetSlice<AdministrativeUnit>[]> {
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
        afterCode(page),
        page.first + 1,
      ],
    );
    const pages: KeysetSlice<AdministrativeUnit>[] = requests.map(() => ({ items: [], totalCount: 0, hasNextPage: false }));
    for (const row of rows) {
      const target = pages[row.idx - 1];
      target.totalCount = Number(row.total);
      if (Number(row.rn) > page.first) target.hasNextPage = true;
      else target.items.push(pickUnit(row));
    }
    // A page past the end has no rows to carry the total; count those parents once more.
    const missing = requests.map((r, i) => ({ r, i })).filter(({ i }) => page.after && pages[i].items.length === 0);
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
}
