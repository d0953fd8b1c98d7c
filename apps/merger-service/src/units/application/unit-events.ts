import { ADMIN_UNITS_CHUNK_SIZE, adminUnitsUpserted, type ReplicatedUnit } from '@xaso/contracts';
import type { AdministrativeUnit } from '../domain/unit';
import type { UnitEventDraft } from './unit-event-publisher.port';
import type { UnitWithSuccessors } from './unit.repository.port';

/**
 * Key of every `admin-units.upserted` event: one aggregate (the registry), so chunks of one
 * import and of later imports reach each replica in the order they were written.
 */
export const UNIT_REGISTRY_AGGREGATE_ID = 'administrative-unit-registry';

export function replicatedUnit(unit: AdministrativeUnit | UnitWithSuccessors): ReplicatedUnit {
  const successors = 'successors' in unit ? unit.successors : undefined;
  return {
    code: unit.code,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    name: unit.name,
    level: unit.level,
    type: unit.type,
    parent: unit.parentCode && unit.parentValidFrom ? { code: unit.parentCode, validFrom: unit.parentValidFrom } : null,
    ...(successors ? { successors } : {}),
  };
}

/** `admin-units.upserted` drafts for these units, at most ADMIN_UNITS_CHUNK_SIZE per event. */
export function unitsUpsertedEvents(units: (AdministrativeUnit | UnitWithSuccessors)[]): UnitEventDraft<typeof adminUnitsUpserted>[] {
  const drafts: UnitEventDraft<typeof adminUnitsUpserted>[] = [];
  for (let i = 0; i < units.length; i += ADMIN_UNITS_CHUNK_SIZE) {
    const chunk = units.slice(i, i + ADMIN_UNITS_CHUNK_SIZE);
    drafts.push({
      definition: adminUnitsUpserted,
      aggregateType: 'AdministrativeUnitRegistry',
      aggregateId: UNIT_REGISTRY_AGGREGATE_ID,
      unitCode: chunk.length === 1 ? chunk[0].code : null,
      payload: { units: chunk.map(replicatedUnit) },
    });
  }
  return drafts;
}
