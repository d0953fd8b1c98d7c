import type { LocalDate } from '@xaso/calendar';
import type { AdministrativeUnit, UnitKey, UnitLevel, UnitLink } from '../domain/unit';

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

export interface UnitPageQuery {
  first: number;
  /** Keyset cursor: the code of the last unit already seen. */
  afterCode: string | null;
}

export interface UnitPage {
  items: AdministrativeUnit[];
  totalCount: number;
  hasNextPage: boolean;
}

export interface UnitListFilter {
  asOf: LocalDate;
  level?: UnitLevel;
  /** The parent named by this code on `asOf`. */
  parentCode?: string;
  /** Accent-folded (see `searchText`) fragment of the name. */
  search?: string;
}

/** Children of one parent, looked at on one day. */
export interface ChildrenRequest {
  parent: UnitKey;
  asOf: LocalDate;
}

export interface LinkedUnit {
  link: UnitLink;
  unit: AdministrativeUnit;
}

/** The only code that touches the registry's tables. Joins the ambient transaction. */
export abstract class UnitRepository {
  abstract isEmpty(): Promise<boolean>;
  abstract upsertUnits(units: AdministrativeUnit[]): Promise<UnitUpsertResult>;
  /** `changed`: the predecessor keys whose links were inserted or changed. */
  abstract upsertLinks(links: UnitLink[]): Promise<UnitUpsertResult>;
  /** The units named by `keys` with their successor links, in one query: units in force first (replicas can use them sooner), then newest validFrom, code. */
  abstract withSuccessors(keys: UnitKey[]): Promise<UnitWithSuccessors[]>;
  abstract insertUnit(unit: AdministrativeUnit): Promise<void>;
  abstract nextVillageSequence(commune: UnitKey): Promise<number>;

  abstract findInForce(code: string, asOf: LocalDate): Promise<AdministrativeUnit | null>;
  /** The newest version of `code` that started on or before `asOf` (in force on it or ended before it). */
  abstract latestVersionOnOrBefore(code: string, asOf: LocalDate): Promise<AdministrativeUnit | null>;
  abstract findByKeys(keys: UnitKey[]): Promise<AdministrativeUnit[]>;
  abstract list(filter: UnitListFilter, page: UnitPageQuery): Promise<UnitPage>;
  /** One page per request, all in one query; results in the order of `requests`. */
  abstract childrenOf(requests: ChildrenRequest[], level: UnitLevel | undefined, page: UnitPageQuery): Promise<UnitPage[]>;
  /** Outgoing links with their successor units, per predecessor key (same order). */
  abstract successorsOf(keys: UnitKey[]): Promise<LinkedUnit[][]>;
  /** Incoming links with their predecessor units, per successor key (same order). */
  abstract predecessorsOf(keys: UnitKey[]): Promise<LinkedUnit[][]>;
  /** The unit `code` named on `asOf`, followed along successor links to the units in force on `today`. */
  abstract currentUnitsFor(code: string, asOf: LocalDate, today: LocalDate): Promise<AdministrativeUnit[]>;
}
