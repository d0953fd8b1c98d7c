import { Injectable } from '@nestjs/common';
import { UnitAbolishedError, UnitRegistryNotReadyError, UnknownUnitError } from './unit-errors';
import { type IsoDate, UnitReplica } from './unit-replica';
import { type AcceptedUnit, resolveUnitOnDate, routingNote } from './unit-resolution';

/** A unit code a record may be written with, and how it was reached. */
export interface ResolvedUnit {
  /** The code to record (the successor's when routed). */
  code: string;
  resolution: AcceptedUnit;
  /** The code as given, when it was routed to its successor. */
  routedFromCode?: string;
  /** Bilingual history note when routed. */
  note?: string;
}

/**
 * Applies `resolveUnitOnDate` over the service's replica: every service that takes a unit code
 * for a record goes through here, so dossiers, petitions, reception sessions and mediation cases
 * answer the same. Refuses with UNKNOWN_UNIT / UNIT_ABOLISHED (422) and, while the replica is
 * still empty, UNIT_REGISTRY_NOT_READY (503).
 */
@Injectable()
export class UnitResolver {
  constructor(private readonly replica: UnitReplica) {}

  /** `field` names the input in errors and notes; `date` is the record's date (the day of filing). */
  async resolve(field: string, code: string, date: IsoDate): Promise<ResolvedUnit> {
    const resolution = resolveUnitOnDate(code, date, await this.replica.candidatesFor(code, date));
    switch (resolution.outcome) {
      case 'IN_FORCE':
        return { code: resolution.unit.code, resolution };
      case 'ROUTED':
        return { code: resolution.unit.code, resolution, routedFromCode: code, note: routingNote(resolution, field) };
      case 'ABOLISHED':
        throw new UnitAbolishedError(field, resolution);
      case 'UNKNOWN':
        if (await this.replica.isEmpty()) throw new UnitRegistryNotReadyError();
        throw new UnknownUnitError(field, code, date);
    }
  }
}
