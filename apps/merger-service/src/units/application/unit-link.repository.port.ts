import type { LocalDate } from '@xaso/calendar';
import type { AdministrativeUnit, UnitKey, UnitLink } from '../domain/unit';
import type { UnitUpsertResult } from './unit.repository.port';

export interface LinkedUnit {
  link: UnitLink;
  unit: AdministrativeUnit;
}

/** Port: the predecessor → successor links between unit versions (the merger's history). Joins the ambient transaction. */
export abstract class UnitLinkRepository {
  /** `changed`: the predecessor keys whose links were inserted or changed. */
  abstract upsertLinks(links: UnitLink[]): Promise<UnitUpsertResult>;
  /** Outgoing links with their successor units, per predecessor key (same order). */
  abstract successorsOf(keys: UnitKey[]): Promise<LinkedUnit[][]>;
  /** Incoming links with their predecessor units, per successor key (same order). */
  abstract predecessorsOf(keys: UnitKey[]): Promise<LinkedUnit[][]>;
  /** The unit `code` named on `asOf`, followed along successor links to the units in force on `today`. */
  abstract currentUnitsFor(code: string, asOf: LocalDate, today: LocalDate): Promise<AdministrativeUnit[]>;
}
