import type { Keyset, KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { LocalDate } from '@xaso/calendar';
import type { AdministrativeUnit, UnitKey, UnitLevel } from '../domain/unit';

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

/** Lists of units page by code (codes are unique among the units in force on one day). */
export const UNIT_KEYSET_ARITY = 1;
export const unitKeyset = (unit: AdministrativeUnit): Keyset => [unit.code];

/** Port: pages of units in force on a day (`WHERE code > after ORDER BY code LIMIT first + 1`). */
export abstract class UnitListRepository {
  abstract list(filter: UnitListFilter, page: KeysetPageRequest): Promise<KeysetSlice<AdministrativeUnit>>;
  /** One page per request, all in one query; results in the order of `requests`. */
  abstract childrenOf(requests: ChildrenRequest[], level: UnitLevel | undefined, page: KeysetPageRequest): Promise<KeysetSlice<AdministrativeUnit>[]>;
}
