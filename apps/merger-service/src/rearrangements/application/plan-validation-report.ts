import { unitMovesOf } from '../domain/unit-moves';
import type { RearrangementPlan } from '../domain/plan';
import type { PlanValidation } from '../domain/plan-validation';
import { registryChangeOf } from '../domain/registry-change';
import type { RegistrySnapshot } from '../domain/registry-snapshot';

/** What a clean validation tells about the plan: how many versions it ends and creates, links, moves. */
export interface PlanValidationReport {
  valid: boolean;
  /** The registry already shows the plan's effect (applied, or imported history). */
  alreadyInRegistry: boolean;
  endedUnits: number;
  createdUnits: number;
  links: number;
  /** Ended versions per level (e.g. COMMUNE: 10035). */
  endedByLevel: Record<string, number>;
  createdByLevel: Record<string, number>;
  moves: number;
  dividedMoves: number;
}

export function validationReport(plan: Pick<RearrangementPlan, 'entries'>, validation: PlanValidation, snapshot: RegistrySnapshot): PlanValidationReport {
  const change = registryChangeOf(validation.compiled, snapshot);
  const endedByLevel: Record<string, number> = {};
  for (const key of change.ended) {
    const level = snapshot.before(key.code)?.level ?? 'UNKNOWN';
    endedByLevel[level] = (endedByLevel[level] ?? 0) + 1;
  }
  const createdByLevel: Record<string, number> = {};
  for (const unit of change.created) createdByLevel[unit.level] = (createdByLevel[unit.level] ?? 0) + 1;
  const moves = unitMovesOf(plan);
  return {
    valid: validation.problems.length === 0,
    alreadyInRegistry: validation.alreadyInRegistry,
    endedUnits: change.ended.length,
    createdUnits: change.created.length,
    links: change.links.length,
    endedByLevel,
    createdByLevel,
    moves: moves.length,
    dividedMoves: moves.filter((m) => m.divided).length,
  };
}
