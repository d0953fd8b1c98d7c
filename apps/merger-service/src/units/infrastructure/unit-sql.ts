/** SQL shared by the registry's repositories (columns, the in-force test, the bulk insert). */
import { managerFor } from '@xaso/persistence';
import type { DataSource } from 'typeorm';
import { searchText } from '../domain/search-text';
import type { AdministrativeUnit } from '../domain/unit';

/** Columns as the domain wants them (dates as YYYY-MM-DD text, never JS Dates). */
export const UNIT_COLUMNS = (a: string) => `
  ${a}.code, ${a}.valid_from::text AS "validFrom", ${a}.valid_to::text AS "validTo", ${a}.level, ${a}.type, ${a}.name,
  ${a}.parent_code AS "parentCode", ${a}.parent_valid_from::text AS "parentValidFrom"`;

export const IN_FORCE = (a: string, day: string) => `${a}.valid_from <= ${day} AND (${a}.valid_to IS NULL OR ${a}.valid_to >= ${day})`;

export type UnitRow = AdministrativeUnit;

export function pickUnit(row: UnitRow): AdministrativeUnit {
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

export const INSERT_UNITS = `INSERT INTO administrative_unit
    (code, valid_from, valid_to, level, type, name, search_name, parent_code, parent_valid_from)
  SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[])`;

/** Column arrays for INSERT_UNITS (one array per column: one round trip whatever the row count). */
export function unitArrays(units: AdministrativeUnit[]): unknown[] {
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

export type RegistryQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Queries on the registry's tables, in the ambient transaction when there is one. */
export function registryQuery(dataSource: DataSource): RegistryQuery {
  return (sql, params = []) => managerFor(dataSource).query(sql, params);
}
