import { PlanUnitMoves } from './application/plan-unit-moves';
import { type DynamicModule, Module } from '@nestjs/common';
import { AddPlanEntry } from './application/add-plan-entry.use-case';
import { ApplyPlanToRegistry } from './application/apply-plan-to-registry.use-case';
import { CreateRearrangementPlan } from './application/create-rearrangement-plan.use-case';
import { GetRearrangementPlan } from './application/get-rearrangement-plan.query';
import { ListRearrangementPlans } from './application/list-rearrangement-plans.query';
import { Load2025Plan } from './application/load-2025-plan.use-case';
import { PlanRegistry } from './application/plan-registry.port';
import { PublishedUnitData } from './application/published-unit-data.port';
import { RearrangementPlanResolver } from './api/graphql/plan.resolver';
import { RearrangementPlansController } from './api/rest/plans.controller';
import { RepositoryUnitData } from './infrastructure/repository-unit-data';
import { RearrangementPlanRepository } from './application/rearrangement-plan.repository.port';
import { RevertPlanInRegistry } from './application/revert-plan-in-registry.use-case';
import { SchedulePlan } from './application/schedule-plan.use-case';
import { ValidatePlan } from './application/validate-plan.use-case';
import { CreateRearrangementPlans1764590000000 } from './infrastructure/migrations/1764590000000-create-rearrangement-plans';
import { PgPlanRegistry } from './infrastructure/pg-plan-registry';
import { PgRearrangementPlanRepository } from './infrastructure/pg-rearrangement-plan.repository';

export const REARRANGEMENT_MIGRATIONS = [CreateRearrangementPlans1764590000000];

/** Plans, the registry step of applying one, and their APIs. */
const PROVIDERS = [
  { provide: RearrangementPlanRepository, useClass: PgRearrangementPlanRepository },
  { provide: PlanRegistry, useClass: PgPlanRegistry },
  { provide: PublishedUnitData, useClass: RepositoryUnitData },
  CreateRearrangementPlan,
  AddPlanEntry,
  ValidatePlan,
  SchedulePlan,
  GetRearrangementPlan,
  ListRearrangementPlans,
  ApplyPlanToRegistry,
  RevertPlanInRegistry,
  Load2025Plan,
  PlanUnitMoves,
  RearrangementPlanResolver,
];

@Module({})
export class RearrangementsModule {
  /** `units`: the very UnitsModule object the app imports (its repositories and event publisher). */
  static register(units: DynamicModule, extra: { controllers?: DynamicModule['controllers']; providers?: DynamicModule['providers'] } = {}): DynamicModule {
    return {
      module: RearrangementsModule,
      imports: [units],
      controllers: [RearrangementPlansController, ...(extra.controllers ?? [])],
      providers: [...PROVIDERS, ...(extra.providers ?? [])],
      exports: [PlanUnitMoves, RearrangementPlanRepository, PlanRegistry, ApplyPlanToRegistry, RevertPlanInRegistry, GetRearrangementPlan, ValidatePlan, Load2025Plan],
    };
  }
}
