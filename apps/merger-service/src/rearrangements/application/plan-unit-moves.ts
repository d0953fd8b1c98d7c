import { Injectable } from '@nestjs/common';
import { addDays } from '@xaso/calendar';
import { UnitRepository } from '../../units/application/unit.repository.port';
import type { RearrangementPlan } from '../domain/plan';
import { type UnitMove, unitMovesOf, withVillageNames } from '../domain/unit-moves';

/**
 * The moves the participants receive for a plan: `unitMovesOf` plus, for divided sources, the
 * names of the villages each target receives as the registry knew them the day before the
 * effective date (the address rule matches them in the records' addresses).
 */
@Injectable()
export class PlanUnitMoves {
  constructor(private readonly units: UnitRepository) {}

  async of(plan: Pick<RearrangementPlan, 'entries' | 'effectiveDate'>): Promise<UnitMove[]> {
    const moves = unitMovesOf(plan);
    const villages = moves.flatMap((m) => m.targets.flatMap((t) => t.villageCodes ?? []));
    return withVillageNames(moves, await this.units.fullNamesInForce(villages, addDays(plan.effectiveDate, -1)));
  }
}
