import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, PaginationArgs } from '@xaso/api';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { UnitLevel } from '../../../units/domain/unit';
import type { PlanValidationReport } from '../../application/plan-validation-report';
import { PlanEntryKindEnum, PlanEntryModel, PlanStatusEnum, RearrangementPlanModel } from './plan.model';

const CODE = /^\d{2,5}(-\d{3,})?$/;
const codeMessage = { message: 'a unit code is 2–5 digits (villages: <commune code>-NNN)' };

@InputType()
export class CreateRearrangementPlanInput {
  @Field({ description: 'e.g. 1656/NQ-UBTVQH15' }) @IsString() @MaxLength(100) resolutionNumber!: string;
  @Field(() => DateScalar) @IsString() resolutionDate!: string;
  @Field(() => DateScalar) @IsString() effectiveDate!: string;
  @Field(() => ID, { nullable: true, description: "Default: a province officer's own province; an ADMIN's plan is national unless given" })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode is 2 digits' })
  provinceCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) title?: string;
}

@InputType()
export class PlanTargetUnitInput {
  @Field(() => ID) @Matches(CODE, codeMessage) code!: string;
  @Field() @IsString() @MaxLength(200) name!: string;
  @Field({ description: 'Phường, Xã, Đặc khu, Tỉnh, Thành phố, ...' }) @IsString() @MaxLength(50) type!: string;
  @Field(() => ID, { nullable: true, description: 'Parent on the effective date; none for a province' }) @IsOptional() @Matches(CODE, codeMessage) parentCode?: string;
  @Field(() => UnitLevel, { nullable: true, description: 'Default: the level of its sources' }) @IsOptional() @IsEnum(UnitLevel) level?: UnitLevel;
}

@InputType()
export class PlanDivisionPartInput {
  @Field(() => ID) @Matches(CODE, codeMessage) code!: string;
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(500) @Matches(CODE, { each: true, ...codeMessage }) villageCodes?: string[];
  @Field(() => PlanTargetUnitInput, { nullable: true, description: 'When the part is a new unit not defined by a MERGE entry' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanTargetUnitInput)
  unit?: PlanTargetUnitInput;
}

@InputType({ description: 'One change; give the fields its kind needs (MERGE: sources, target; DIVIDE: source, parts; RENAME: code, name; RECLASSIFY: code, type; MOVE: code, parentCode; ABOLISH: code)' })
export class PlanEntryInput {
  @Field(() => PlanEntryKindEnum) @IsEnum(PlanEntryKindEnum) kind!: PlanEntryKindEnum;
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(CODE, { each: true, ...codeMessage }) sources?: string[];
  @Field(() => PlanTargetUnitInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => PlanTargetUnitInput) target?: PlanTargetUnitInput;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(CODE, codeMessage) source?: string;
  @Field(() => [PlanDivisionPartInput], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PlanDivisionPartInput) parts?: PlanDivisionPartInput[];
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(CODE, codeMessage) code?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) type?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(CODE, codeMessage) newCode?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(CODE, codeMessage) parentCode?: string;
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(CODE, { each: true, ...codeMessage }) recordsTo?: string[];
}

@ArgsType()
export class PlanIdArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a plan id (UUID)' }) id!: string;
}

@ArgsType()
export class AddPlanEntryArgs {
  @Field(() => ID) @IsUUID('all', { message: 'planId must be a plan id (UUID)' }) planId!: string;
  @Field(() => PlanEntryInput) @ValidateNested() @Type(() => PlanEntryInput) entry!: PlanEntryInput;
}

@ArgsType()
export class PlansArgs extends PaginationArgs {
  @Field(() => PlanStatusEnum, { nullable: true }) @IsOptional() @IsEnum(PlanStatusEnum) status?: PlanStatusEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(/^\d{2}$/, { message: 'provinceCode is 2 digits' }) provinceCode?: string;
}

@ObjectType('AddPlanEntryPayload')
export class AddPlanEntryPayload {
  @Field(() => RearrangementPlanModel) plan!: RearrangementPlanModel;
  @Field(() => PlanEntryModel) entry!: PlanEntryModel;
}

@ObjectType('UnitCountByLevel')
export class UnitCountByLevel {
  @Field() level!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('PlanValidationReport', { description: 'What a clean validation found the plan does to the registry' })
export class PlanValidationReportModel {
  @Field() valid!: boolean;
  @Field({ description: 'The registry already shows the plan effect (applied, or imported history)' }) alreadyInRegistry!: boolean;
  @Field(() => Int) endedUnits!: number;
  @Field(() => Int) createdUnits!: number;
  @Field(() => Int) links!: number;
  @Field(() => [UnitCountByLevel]) endedByLevel!: UnitCountByLevel[];
  @Field(() => [UnitCountByLevel]) createdByLevel!: UnitCountByLevel[];
  @Field(() => Int, { description: 'Units whose records must move' }) moves!: number;
  @Field(() => Int, { description: 'Of them, divided: decided per record (village, address, review)' }) dividedMoves!: number;

  static of(report: PlanValidationReport): PlanValidationReportModel {
    const list = (counts: Record<string, number>) => Object.entries(counts).map(([level, count]) => ({ level, count }));
    return { ...report, endedByLevel: list(report.endedByLevel), createdByLevel: list(report.createdByLevel) };
  }
}

@ObjectType('PlanValidationPayload')
export class PlanValidationPayload {
  @Field(() => RearrangementPlanModel) plan!: RearrangementPlanModel;
  @Field(() => PlanValidationReportModel, { nullable: true, description: 'null when the plan had been loaded before' }) report!: PlanValidationReportModel | null;
}
