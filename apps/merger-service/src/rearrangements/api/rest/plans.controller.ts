import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { keysetRequest, KeysetPageQuery, NotFoundError, restListOfSlice } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { AddPlanEntry } from '../../application/add-plan-entry.use-case';
import { CreateRearrangementPlan } from '../../application/create-rearrangement-plan.use-case';
import { GetRearrangementPlan } from '../../application/get-rearrangement-plan.query';
import { ListRearrangementPlans } from '../../application/list-rearrangement-plans.query';
import { Load2025Plan } from '../../application/load-2025-plan.use-case';
import { ENTRY_KEYSET_ARITY, entryKeyset, PLAN_KEYSET_ARITY, planKeyset } from '../../application/rearrangement-plan.repository.port';
import { SchedulePlan } from '../../application/schedule-plan.use-case';
import { ValidatePlan } from '../../application/validate-plan.use-case';
import { CreatePlanBody, ListPlansQuery, PlanDto, PlanEntryBody, PlanIdParams, PlanListDto } from './plans.dto';

const PLAN_MANAGERS = [Role.ADMIN, Role.PROVINCE_OFFICER];

/** REST for agencies: the same plan operations as GraphQL. */
@ApiTags('rearrangements')
@Controller('api/v1/rearrangements')
export class RearrangementPlansController {
  constructor(
    private readonly create: CreateRearrangementPlan,
    private readonly addEntry: AddPlanEntry,
    private readonly validate: ValidatePlan,
    private readonly schedule: SchedulePlan,
    private readonly getPlan: GetRearrangementPlan,
    private readonly listPlans: ListRearrangementPlans,
    private readonly load2025: Load2025Plan,
  ) {}

  @Roles(...PLAN_MANAGERS)
  @Post()
  @ApiOperation({ summary: 'A new rearrangement plan in DRAFT' })
  @ApiOkResponse({ type: PlanDto })
  async createPlan(@Body() body: CreatePlanBody, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    const plan = await this.create.execute({ ...body, user });
    return PlanDto.of({ ...plan, entryCount: plan.entries.length });
  }

  @Roles(Role.ADMIN)
  @Post('load-2025')
  @HttpCode(200)
  @ApiOperation({ summary: 'Loads the real 2025 rearrangement as a plan (idempotent) and validates it' })
  async loadPlan2025(@CurrentUser() user: AuthUser) {
    const { plan, report, created } = await this.load2025.fromRepositoryData(user);
    return { plan: PlanDto.of(plan), report, created };
  }

  @Roles(...GOVERNMENT_STAFF)
  @Get()
  @ApiOperation({ summary: 'Plans, newest first' })
  @ApiOkResponse({ type: PlanListDto })
  async list(@Query() query: ListPlansQuery): Promise<PlanListDto> {
    const page = keysetRequest(query.first, query.after, PLAN_KEYSET_ARITY);
    const slice = await this.listPlans.execute({ status: query.status, provinceCode: query.provinceCode }, page);
    return restListOfSlice(slice, planKeyset, PlanDto.of);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Get(':id')
  @ApiOkResponse({ type: PlanDto })
  async get(@Param() { id }: PlanIdParams): Promise<PlanDto> {
    const plan = await this.getPlan.execute(id);
    if (!plan) throw new NotFoundError('Rearrangement plan', 'phương án sắp xếp', id);
    return PlanDto.of(plan);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Get(':id/entries')
  @ApiOperation({ summary: 'The plan entries in order, paged' })
  async entries(@Param() { id }: PlanIdParams, @Query() query: KeysetPageQuery) {
    const page = keysetRequest(query.first, query.after, ENTRY_KEYSET_ARITY);
    return restListOfSlice(await this.getPlan.entries(id, page), entryKeyset, (e) => ({ index: e.index, ...e.entry }));
  }

  @Roles(...PLAN_MANAGERS)
  @Post(':id/entries')
  @ApiOperation({ summary: 'Adds an entry (its own problems answered at once, coded)' })
  async addPlanEntry(@Param() { id }: PlanIdParams, @Body() body: PlanEntryBody, @CurrentUser() user: AuthUser) {
    const { plan, entry } = await this.addEntry.execute(id, { ...body }, user);
    return { plan: PlanDto.of(plan), entry: { index: entry.index, ...entry.entry } };
  }

  @Roles(...PLAN_MANAGERS)
  @Post(':id/validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks the plan against the registry: clean → VALIDATED; else 422 PLAN_INVALID listing every problem' })
  async validatePlan(@Param() { id }: PlanIdParams, @CurrentUser() user: AuthUser) {
    const { plan, report } = await this.validate.execute(id, user);
    return { plan: PlanDto.of(plan), report };
  }

  @Roles(...PLAN_MANAGERS)
  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOkResponse({ type: PlanDto })
  async schedulePlan(@Param() { id }: PlanIdParams, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    return PlanDto.of(await this.schedule.execute(id, user));
  }
}
