import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, assertUnitScope } from '@xaso/auth';
import { villageCreated } from '@xaso/contracts';
import { inTransaction } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { todayInVietnam } from '../domain/calendar-date';
import { type AdministrativeUnit, COMMUNE_CODE_PATTERN, UnitLevel, unitKeyString } from '../domain/unit';
import { VILLAGE_TYPES, isVillageType, normaliseVillageName, villageCode } from '../domain/village';
import { UnitRepository } from './ports';
import { UnitEventPublisher, unitsUpsertedEvents } from './unit-events';

export interface CreateVillageCommand {
  communeCode: string;
  name: string;
  type: string;
  user: AuthUser;
}

/**
 * A commune's officers record its villages (Thôn) and residential groups (Tổ dân phố). Only
 * under a commune in force today, only by that commune's OFFICER/LEADER (or an ADMIN).
 */
@Injectable()
export class CreateVillage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly events: UnitEventPublisher,
  ) {}

  async execute(command: CreateVillageCommand): Promise<AdministrativeUnit> {
    const name = normaliseVillageName(command.name);
    const type = command.type.normalize('NFC').trim();
    if (!COMMUNE_CODE_PATTERN.test(command.communeCode)) {
      throw new ValidationFailedError(
        `Commune code must be 5 digits: ${command.communeCode}`,
        `Mã xã phải gồm 5 chữ số: ${command.communeCode}`,
        { field: 'communeCode' },
      );
    }
    if (!name || name.length > 200) {
      throw new ValidationFailedError('Name must be 1 to 200 characters', 'Tên phải có từ 1 đến 200 ký tự', { field: 'name' });
    }
    if (!isVillageType(type)) {
      throw new ValidationFailedError(
        `Type must be one of ${VILLAGE_TYPES.join(', ')}`,
        `Loại phải là một trong: ${VILLAGE_TYPES.join(', ')}`,
        { field: 'type' },
      );
    }
    const today = todayInVietnam();
    const commune = await this.units.findInForce(command.communeCode, today);
    if (!commune || commune.level !== UnitLevel.COMMUNE) {
      throw new NotFoundError('Commune in force today', 'xã đang có hiệu lực', command.communeCode);
    }
    // Province officers are not allowed by the resolver's roles; the province is passed for completeness.
    assertUnitScope(command.user, commune.code, { provinceCodeOfUnit: commune.parentCode ?? undefined });

    return inTransaction(this.dataSource, async () => {
      const sequence = await this.units.nextVillageSequence(commune);
      const village: AdministrativeUnit = {
        code: villageCode(commune.code, sequence),
        validFrom: today,
        validTo: null,
        level: UnitLevel.VILLAGE,
        type,
        name,
        parentCode: commune.code,
        parentValidFrom: commune.validFrom,
      };
      await this.units.insertUnit(village);
      // Replicas learn the village as a unit (same shape as the import's chunks) ...
      for (const event of unitsUpsertedEvents([village])) await this.events.publish(event);
      // ... and village-aware consumers get the village itself.
      await this.events.publish({
        definition: villageCreated,
        aggregateType: 'AdministrativeUnit',
        aggregateId: unitKeyString(village),
        unitCode: commune.code,
        payload: {
          code: village.code,
          validFrom: village.validFrom,
          name: village.name,
          type: village.type,
          commune: { code: commune.code, validFrom: commune.validFrom },
        },
      });
      return village;
    });
  }
}
