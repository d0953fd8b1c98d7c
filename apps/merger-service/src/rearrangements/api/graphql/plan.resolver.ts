import { Args, Mutation, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { connectionOfSlice, keysetRequest, PaginationArgs } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { AddPlanEntry } from '../../application/add-plan-entry.use-case';
import { CreateRearrangementPlan } from '../../application/create-rearrangement-plan.use-case';
import { GetRearrangementPlan } from '../../application/get-rearrangement-plan.query';
import { ListRearrangementPlans } from '../../application/list-rearrangement-plans.query';
import { Load2025Plan } from '../../application/load-2025-plan.use-case';
import { ENTRY_KEYSET_ARITY, entryKeyset, PLAN_KEYSET_ARITY, planKeyset } from '../../application/rearrangement-plan.repository.port';
import { SchedulePlan } from '../../application/schedule-plan.use-case';
import { ValidatePlan } from '../../application/validate-plan.use-case';
import { PlanEntryConnection, PlanEntryModel, RearrangementPlanConnection, RearrangementPlanModel } from './plan.model';
import {
  AddPlanEntryArgs,
  AddPlanEntryPayload,
  CreateRearrangementPlanInput,
  PlanIdArgs,
  PlansArgs,
  PlanValidationPayload,
  PlanValidationReportModel,
} from './plan.inputs';

const PLAN_MANAGERS = [Role.ADMIN, Role.PROVINCE_OFFICER];

/** Plans: read by government staff; created, edited, validated, scheduled by ADMIN and the province concerned. */
@Resolver(() => RearrangementPlanModel)
export class RearrangementPlanResolver {
  constructor(
    private readonly create: CreateRearrangementPlan,
    private readonly addEntry: AddPlanEntry,
    private readonly validate: ValidatePlan,
    private readonly schedule: SchedulePlan,
    private readonly getPlan: GetRearrangementPlan,
    private readonly listPlans: ListRearrangementPlans,
    private readonly load2025: Load2025Plan,
  ) {}

  @Roles(Role.ADMIN)
  @Mutation(() => PlanValidationPayload, {
    description: 'Loads the real 2025 rearrangement from the repository data as a plan and validates it (APPLIED as imported when the registry holds 2025 already); idempotent',
  })
  async loadRearrangementPlan2025(@CurrentUser() user: AuthUser): Promise<PlanValidationPayload> {
    const { plan, report } = await this.load2025.fromRepositoryData(user);
    return { plan: RearrangementPlanModel.of(plan), report: report && PlanValidationReportModel.of(report) };
  }

  @Roles(...PLAN_MANAGERS)
  @Mutation(() => RearrangementPlanModel, { description: 'A new plan in DRAFT (phương án sắp xếp)' })
  async createRearrangementPlan(@Args('input') input: CreateRearrangementPlanInput, @CurrentUser() user: AuthUser): Promise<RearrangementPlanModel> {
    const plan = await this.create.execute({ ...input, user });
    return RearrangementPlanModel.of({ ...plan, entryCount: plan.entries.length });
  }

  @Roles(...PLAN_MANAGERS)
  @Mutation(() => AddPlanEntryPayload, { description: "Adds an entry; its own problems are answered at once with their codes" })
  async addPlanEntry(@Args() { planId, entry }: AddPlanEntryArgs, @CurrentUser() user: AuthUser): Promise<AddPlanEntryPayload> {
    const result = await this.addEntry.execute(planId, { ...entry }, user);
    return { plan: RearrangementPlanModel.of(result.plan), entry: PlanEntryModel.of(result.entry) };
  }

  @Roles(...PLAN_MANAGERS)
  @Mutation(() => PlanValidationPayload, { description: 'Checks the plan against the registry; clean → VALIDATED, else PLAN_INVALID with every problem' })
  async validatePlan(@Args() { id }: PlanIdArgs, @CurrentUser() user: AuthUser): Promise<PlanValidationPayload> {
    const { plan, report } = await this.validate.execute(id, user);
    return { plan: RearrangementPlanModel.of(plan), report: PlanValidationReportModel.of(report) };
  }

  @Roles(...PLAN_MANAGERS)
  @Mutation(() => RearrangementPlanModel, { description: 'VALIDATED → SCHEDULED' })
  async schedulePlan(@Args() { id }: PlanIdArgs, @CurrentUser() user: AuthUser): Promise<RearrangementPlanModel> {
    return RearrangementPlanModel.of(await this.schedule.execute(id, user));
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => RearrangementPlanModel, { nullable: true })
  async rearrangementPlan(@Args() { id }: PlanIdArgs): Promise<RearrangementPlanModel | null> {
    const plan = await this.getPlan.execute(id);
    return plan && RearrangementPlanModel.of(plan);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => RearrangementPlanConnection, { description: 'Plans, newest first' })
  async rearrangementPlans(@Args() args: PlansArgs): Promise<RearrangementPlanConnection> {
    const page = keysetRequest(args.first, args.after, PLAN_KEYSET_ARITY);
    const slice = await this.listPlans.execute({ status: args.status, provinceCode: args.provinceCode }, page);
    return connectionOfSlice(slice, page, planKeyset, RearrangementPlanModel.of);
  }

  @ResolveField(() => PlanEntryConnection, { description: 'The entries in plan order' })
  async entries(@Parent() plan: RearrangementPlanModel, @Args() args: PaginationArgs): Promise<PlanEntryConnection> {
    const page = keysetRequest(args.first, args.after, ENTRY_KEYSET_ARITY);
    const slice = await this.getPlan.entries(plan.id, page);
    return connectionOfSlice(slice, page, entryKeyset, PlanEntryModel.of);
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }): Promise<RearrangementPlanModel | null> {
    if (!/^[0-9a-f-]{36}$/i.test(reference.id)) return null;
    const plan = await this.getPlan.execute(reference.id);
    return plan && RearrangementPlanModel.of(plan);
  }
}
