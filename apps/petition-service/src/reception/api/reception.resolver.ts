import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, IsCalendarDate, NotFoundError, UnitCodeScalar, ValidationFailedError } from '@xaso/api';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, GOVERNMENT_STAFF, Roles, UnitScope } from '@xaso/auth';
import { UnitResolver } from '@xaso/unit-replica';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { closeMediation, summarizeMediation, updateMediationOutcome, validateMediationCase, type MediationOutcome } from '../../mediation/domain/mediation';
import { checkUnitCompliance, validateSession } from '../domain/reception';
import { ReceptionRepository } from '../infrastructure/reception.repository';

function assertPeriod(from: string, to: string) {
  if (to < from) throw new ValidationFailedError('`to` must not be before `from`', 'Ngày kết thúc không được trước ngày bắt đầu', { field: 'to' });
}

@ObjectType('ReceptionSession', { description: 'Buổi tiếp công dân' })
export class ReceptionSessionModel {
  @Field(() => ID) id!: string;
  @Field() unitCode!: string;
  @Field(() => DateScalar) date!: string;
  @Field() chairpersonId!: string;
  @Field() chairpersonPresent!: boolean;
  @Field(() => Int) citizensReceived!: number;
  @Field(() => [String]) petitionCodes!: string[];
  @Field(() => String, { nullable: true }) notes?: string;
  @Field(() => String, { nullable: true, description: 'The unit code as given, when it named a unit abolished on the record’s date; unitCode is its single successor' })
  routedFromUnitCode?: string;
}

@ObjectType('ReceptionCompliance', { description: 'Whether a chairperson held the legal number of reception days in a month' })
export class ReceptionComplianceModel {
  @Field() chairpersonId!: string;
  @Field() month!: string;
  @Field() rule!: string;
  @Field(() => Int) required!: number;
  @Field(() => Int) held!: number;
  @Field() compliant!: boolean;
  @Field(() => [String]) missingWeeks!: string[];
}

@InputType('RecordReceptionSessionInput')
export class RecordReceptionSessionInput {
  @Field(() => UnitCodeScalar) @IsString() unitCode!: string;
  @Field(() => DateScalar) @IsCalendarDate() date!: string;
  @Field() @IsString() chairpersonId!: string;
  @Field() @IsBoolean() chairpersonPresent!: boolean;
  @Field(() => Int) @IsInt() @Min(0) citizensReceived!: number;
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(500) petitionCodes?: string[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}

@ObjectType('MediationCase', { description: 'Vụ việc hòa giải ở cơ sở' })
export class MediationCaseModel {
  @Field(() => ID) id!: string;
  @Field() unitCode!: string;
  @Field(() => String, { nullable: true }) mediationTeam?: string;
  @Field() subject!: string;
  @Field(() => [String]) parties!: string[];
  @Field(() => [String]) mediators!: string[];
  @Field(() => DateScalar) openedOn!: string;
  @Field(() => DateScalar, { nullable: true }) closedOn?: string;
  @Field() outcome!: string;
  @Field(() => String, { nullable: true }) referredTo?: string;
  @Field(() => String, { nullable: true }) result?: string;
  @Field(() => String, { nullable: true, description: 'The unit code as given, when it named a unit abolished on the record’s date; unitCode is its single successor' })
  routedFromUnitCode?: string;
}

@ObjectType('MediationSummary')
export class MediationSummaryModel {
  @Field(() => Int) total!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) successful!: number;
  @Field(() => Int) unsuccessful!: number;
  @Field(() => Int) referred!: number;
  @Field(() => Number, { nullable: true }) successRate!: number | null;
}

@InputType('RecordMediationCaseInput')
export class RecordMediationCaseInput {
  @Field(() => UnitCodeScalar) @IsString() unitCode!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() mediationTeam?: string;
  @Field() @IsString() @MaxLength(2000) subject!: string;
  @Field(() => [String]) @IsArray() parties!: string[];
  @Field(() => [String]) @IsArray() mediators!: string[];
  @Field(() => DateScalar) @IsCalendarDate() openedOn!: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() closedOn?: string;
  @Field(() => String, { description: 'PENDING, SUCCESSFUL, UNSUCCESSFUL or REFERRED' }) @IsIn(['PENDING', 'SUCCESSFUL', 'UNSUCCESSFUL', 'REFERRED']) outcome!: MediationOutcome;
  @Field({ nullable: true }) @IsOptional() @IsString() referredTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() result?: string;
}

@InputType('UpdateMediationOutcomeInput')
export class UpdateMediationOutcomeInput {
  @Field(() => ID) @IsString() id!: string;
  @Field(() => String, { description: 'PENDING (note only), SUCCESSFUL, UNSUCCESSFUL or REFERRED' }) @IsIn(['PENDING', 'SUCCESSFUL', 'UNSUCCESSFUL', 'REFERRED']) outcome!: MediationOutcome;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() closedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) referredTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) result?: string;
}

@Resolver()
export class ReceptionResolver {
  constructor(
    private readonly repo: ReceptionRepository,
    private readonly units: UnitResolver,
    private readonly scope: UnitScope,
  ) {}

  /** The record's unit on the record's own day, by the shared unit rule; then the caller's scope on it. */
  private async unitOn(user: AuthUser, unitCode: string, date: string): Promise<{ unitCode: string; routedFromUnitCode?: string }> {
    const unit = await this.units.resolve('unitCode', unitCode, date);
    await this.scope.assert(user, unit.code);
    return { unitCode: unit.code, routedFromUnitCode: unit.routedFromCode };
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => ReceptionSessionModel)
  async recordReceptionSession(@Args('input') input: RecordReceptionSessionInput, @CurrentUser() user: AuthUser) {
    const s = { ...validateSession({ ...input, petitionCodes: input.petitionCodes ?? [] }) };
    Object.assign(s, await this.unitOn(user, s.unitCode, s.date));
    const missing = await this.repo.missingPetitionCodes(s.petitionCodes);
    if (missing.length) {
      throw new ValidationFailedError(`Unknown petition code(s): ${missing.join(', ')}`, `Không có đơn mã ${missing.join(', ')}`, { field: 'petitionCodes', missing });
    }
    return this.repo.insertSession(s, user.sub);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [ReceptionSessionModel])
  async receptionSessions(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    await this.scope.assert(user, unitCode);
    assertPeriod(from, to);
    return this.repo.sessions(unitCode, from, to);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [ReceptionComplianceModel], { description: 'Per chairperson: 1 day a week before 2026-07-01, 2 days a month since' })
  async receptionCompliance(@CurrentUser() user: AuthUser, @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string, @Args('month') month: string) {
    await this.scope.assert(user, unitCode);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationFailedError('month must be YYYY-MM', 'Tháng phải có dạng YYYY-MM', { field: 'month' });
    // sessions up to a week around the month (ISO weeks may start in the previous month)
    const [y, m] = month.split('-').map(Number);
    const from = new Date(Date.UTC(y, m - 1, 1) - 7 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(y, m, 0) + 7 * 86_400_000).toISOString().slice(0, 10);
    return checkUnitCompliance(await this.repo.sessions(unitCode, from, to), month);
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => MediationCaseModel)
  async recordMediationCase(@Args('input') input: RecordMediationCaseInput, @CurrentUser() user: AuthUser) {
    const c =
      input.outcome === 'PENDING' || !input.closedOn
        ? validateMediationCase(input)
        : closeMediation(validateMediationCase({ ...input, outcome: 'PENDING', closedOn: undefined }), input.outcome, input.closedOn, input);
    return this.repo.insertMediation({ ...c, ...(await this.unitOn(user, c.unitCode, c.openedOn)) }, user.sub);
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => MediationCaseModel, { description: 'Records the outcome of a pending mediation (or a note), or re-opens a successful one whose agreement was not carried out' })
  async updateMediationOutcome(@Args('input') input: UpdateMediationOutcomeInput, @CurrentUser() user: AuthUser) {
    const updated = await this.repo.changeMediation(input.id, async (c) => {
      await this.scope.assert(user, c.unitCode);
      return updateMediationOutcome(c, input);
    });
    if (!updated) throw new NotFoundError('MediationCase', 'vụ việc hòa giải', input.id);
    return updated;
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [MediationCaseModel])
  async mediationCases(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    await this.scope.assert(user, unitCode);
    assertPeriod(from, to);
    return this.repo.mediationCases(unitCode, from, to);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => MediationSummaryModel)
  async mediationSummary(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    await this.scope.assert(user, unitCode);
    assertPeriod(from, to);
    return summarizeMediation(await this.repo.mediationCases(unitCode, from, to));
  }
}
