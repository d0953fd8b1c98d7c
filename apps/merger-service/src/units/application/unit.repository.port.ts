import type { LocalDate } from '@xaso/calendar';
import type { AdministrativeUnit, UnitKey } from '../domain/unit';

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/** Counts plus the keys of the rows the statement actually wrote (inserted or changed). */
export interface UnitUpsertResult extends UpsertCounts {
  changed: UnitKey[];
}

/** A unit version with its outgoing successor links, as announced to replicas. */
export interface UnitWithSuccessors extends AdministrativeUnit {
  successors: { code: string; validFrom: LocalDate; divided: boolean }[];
}

/** Port: the registry's unit versions, one or a few at a time. Joins the ambient transaction. */
export abstract class UnitRepository {
  abstract isEmpty(): Promise<boolean>;
  abstract upsertUnits(units: AdministrativeUnit[]): Promise<UnitUpsertResult>;
  /** The units named by `keys` with their successor links, in one query: units in force first (replicas can use them sooner), then newest validFrom, code. */
  abstract withSuccessors(keys: UnitKey[]): Promise<UnitWithSuccessors[]>;
  abstract insertUnit(unit: AdministrativeUnit): Promise<void>;
  abstract nextVillageSequence(commune: UnitKey): Promise<number>;

  abstract findInForce(code: string, asOf: LocalDate): Promise<AdministrativeUnit | null>;
  /** The newest version of `code` that started on or before `asOf` (in force on it or ended before it). */
  abstract latestVersionOnOrBefore(code: string, asOf: LocalDate): Promise<AdministrativeUnit | null>;
  abstract findByKeys(keys: UnitKey[]): Promise<AdministrativeUnit[]>;
  /** The full names ("Thôn Phú Mỹ": type and name) of the units `codes` in force on `asOf`, by code. */
  abstract fullNamesInForce(codes: readonly string[], asOf: LocalDate): Promise<Map<string, string>>;
}
