import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, assertUnitScope } from '@xaso/auth';
import { villageCreated } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { resolveUnitOnDate, routingNote, UnitAbolishedError, UnknownUnitError } from '@xaso/unit-replica';
import { type LocalDate, todayInVietnam } from '@xaso/calendar';
import { type AdministrativeUnit, COMMUNE_CODE_PATTERN, UnitLevel, unitKeyString } from '../domain/unit';
import { VILLAGE_TYPES, isVillageType, normaliseVillageName, villageCode } from '../domain/village';
import { UnitEventPublisher } from './unit-event-publisher.port';
import { unitsUpsertedEvents } from './unit-events';
import { UnitLinkRepository } from './unit-link.repository.port';
import { UnitRepository } from './unit.repository.port';

export interface CreateVillageCommand {
  communeCode: string;
  name: string;
  type: string;
  user: AuthUser;
}

/**
 * A commune's officers record its villages (Thôn) and residential groups (Tổ dân phố). Only
 * under a commune in force today (an abolished commune's code leads to its single successor),
 * only by that commune's OFFICER/LEADER (or an ADMIN).
 */
@Injectable()
export class CreateVillage {
  private readonly logger = new Logger('CreateVillage');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly units: UnitRepository,
    private readonly links: UnitLinkRepository,
    private readonly events: UnitEventPublisher,
  ) {}

  /**
   * The commune `code` names today by the rule every service shares (`resolveUnitOnDate`), over
   * the registry itself: in force; else an abolished commune's single successor; else
   * UNKNOWN_UNIT / UNIT_ABOLISHED (with the successors). A unit that is not a commune: NOT_FOUND.
   */
  private async communeOn(code: string, today: LocalDate): Promise<AdministrativeUnit> {
    const inForce = await this.units.findInForce(code, today);
    const ended = inForce ? null : await this.units.latestVersionOnOrBefore(code, today);
    const successors = ended ? await this.links.currentUnitsFor(code, ended.validFrom, today) : [];
    const resolution = resolveUnitOnDate(code, today, { inForce, ended, successors });
    if (resolution.outcome === 'UNKNOWN') throw new UnknownUnitError('communeCode', code, today);
    if (resolution.outcome === 'ABOLISHED') throw new UnitAbolishedError('communeCode', resolution);
    const unit = resolution.unit as AdministrativeUnit;
    if (unit.level !== UnitLevel.COMMUNE) throw new NotFoundError('Commune in force today', 'xã đang có hiệu lực', code);
    if (resolution.outcome === 'ROUTED') this.logger.log(routingNote(resolution, 'communeCode'));
    return unit;
  }

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
    const commune = await this.communeOn(command.communeCode, today);
    // Province officers are not allowed by the resolver's roles; the province is passed for completeness.
    assertUnitScope(command.user, commune.code, { provinceCodeOfUnit: commune.parentCode ?? undefined });

    return this.transactions.run(async () => {
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
