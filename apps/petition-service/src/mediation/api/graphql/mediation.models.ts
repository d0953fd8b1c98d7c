import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, IsCalendarDate, UnitCodeScalar } from '@xaso/api';
import { IsArray, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';

export enum MediationOutcome {
  PENDING = 'PENDING',
  SUCCESSFUL = 'SUCCESSFUL',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
  REFERRED = 'REFERRED',
}
registerEnumType(MediationOutcome, { name: 'MediationOutcome', description: 'Kết quả hòa giải' });

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
  @Field(() => MediationOutcome) outcome!: MediationOutcome;
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
  @Field(() => MediationOutcome) @IsEnum(MediationOutcome) outcome!: MediationOutcome;
  @Field({ nullable: true }) @IsOptional() @IsString() referredTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() result?: string;
}

@InputType('UpdateMediationOutcomeInput')
export class UpdateMediationOutcomeInput {
  @Field(() => ID) @IsString() id!: string;
  @Field(() => MediationOutcome, { description: 'PENDING (note only), SUCCESSFUL, UNSUCCESSFUL or REFERRED' }) @IsEnum(MediationOutcome) outcome!: MediationOutcome;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() closedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) referredTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) result?: string;
}
