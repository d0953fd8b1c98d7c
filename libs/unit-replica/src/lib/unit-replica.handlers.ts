import { Injectable } from '@nestjs/common';
import { adminUnitCreated, adminUnitImported, adminUnitsUpserted, adminUnitsWithdrawn, type EventOf, type ReplicatedUnit, villageCreated } from '@xaso/contracts';
import { type HandlerContext, OnEvent } from '@xaso/messaging';
import { type ReplicaUnitInput, deleteReplicaUnits, recordAnnouncedUnits, upsertReplicaUnits } from './unit-replica';

/** A unit of `admin-units.upserted` as the replica writes it. */
export function replicaUnitInputOf(u: ReplicatedUnit): ReplicaUnitInput {
  return {
    code: u.code,
    validFrom: u.validFrom,
    validTo: u.validTo,
    name: u.name,
    level: u.level,
    type: u.type,
    parentCode: u.parent?.code ?? null,
    parentValidFrom: u.parent?.validFrom ?? null,
    successors: u.successors,
  };
}

/** Levels of `admin-unit.created` v1 (lower-case, finer) → the registry's levels. */
const LEVELS: Record<string, string> = {
  province: 'PROVINCE',
  city: 'PROVINCE',
  district: 'DISTRICT',
  town: 'DISTRICT',
  commune: 'COMMUNE',
  ward: 'COMMUNE',
  township: 'COMMUNE',
  'special-zone': 'COMMUNE',
};

/**
 * Keeps `admin_unit_replica` in step with merger-service. List this class in
 * `MessagingModule.forService({ handlers: [UnitReplicaHandlers] })` and provide it (or import
 * `UnitReplicaModule`). Every write goes through the handler's `context.manager`, so the inbox row
 * and the replica rows commit in one transaction (a redelivered event is a no-op).
 */
@Injectable()
export class UnitReplicaHandlers {
  @OnEvent(adminUnitsUpserted)
  async onUnitsUpserted(event: EventOf<typeof adminUnitsUpserted>, context: HandlerContext): Promise<void> {
    await upsertReplicaUnits(context.manager, event.payload.units.map(replicaUnitInputOf));
  }

  /** A rolled-back rearrangement's versions: gone from the registry, so gone from the replica. */
  @OnEvent(adminUnitsWithdrawn)
  async onUnitsWithdrawn(event: EventOf<typeof adminUnitsWithdrawn>, context: HandlerContext): Promise<void> {
    await deleteReplicaUnits(context.manager, event.payload.units);
  }

  /**
   * The import's summary: how many unit versions the imported data set holds. It travels under its
   * own key, so it may arrive before or after the chunks; readiness compares it with the count.
   */
  @OnEvent(adminUnitImported)
  async onUnitsImported(event: EventOf<typeof adminUnitImported>, context: HandlerContext): Promise<void> {
    const p = event.payload;
    await recordAnnouncedUnits(context.manager, p.created + p.updated + p.unchanged, p.importId);
  }

  @OnEvent(adminUnitCreated)
  async onUnitCreated(event: EventOf<typeof adminUnitCreated>, context: HandlerContext): Promise<void> {
    const p = event.payload;
    await upsertReplicaUnits(context.manager, [
      {
        code: p.code,
        validFrom: p.validFrom,
        validTo: p.validTo,
        name: p.name,
        level: LEVELS[p.level] ?? p.level.toUpperCase(),
        parentCode: p.parent?.code ?? null,
        parentValidFrom: p.parent?.validFrom ?? null,
      },
    ]);
  }

  @OnEvent(villageCreated)
  async onVillageCreated(event: EventOf<typeof villageCreated>, context: HandlerContext): Promise<void> {
    const p = event.payload;
    await upsertReplicaUnits(context.manager, [
      {
        code: p.code,
        validFrom: p.validFrom,
        validTo: null,
        name: p.name,
        level: 'VILLAGE',
        type: p.type,
        parentCode: p.commune.code,
        parentValidFrom: p.commune.validFrom,
      },
    ]);
  }
}
