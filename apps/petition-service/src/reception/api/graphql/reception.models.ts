import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, IsCalendarDate, UnitCodeScalar } from '@xaso/api';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export enum ReceptionRule {
  WEEKLY = 'WEEKLY',
  TWICE_MONTHLY = 'TWICE_MONTHLY',
}
registerEnumType(ReceptionRule, { name: 'ReceptionRule', description: 'WEEKLY: 1 day a week (before 2026-07-01); TWICE_MONTHLY: 2 days a month (since)' });

@ObjectType('ReceptionSession', { description: 'Buổi tiếp công dân' })
export class ReceptionSessionModel {
  @Field(() => ID) id!: string;
  @Field() unitCode!: string;
  @Field(() => DateScalar) date!: string;
  @Field() chairpersonId!: string;
  @Field() chairpersonPresent!: boolean;
  @Field(() => Int) citizensReceived!: number;
  @Field(() => [ID]) petitionCodes!: string[];
  @Field(() => String, { nullable: true }) notes?: string;
  @Field(() => String, { nullable: true, description: 'The unit code as given, when it named a unit abolished on the record’s date; unitCode is its single successor' })
  routedFromUnitCode?: string;
}

@ObjectType('ReceptionCompliance', { description: 'Whether a chairperson held the legal number of reception days in a month' })
export class ReceptionComplianceModel {
  @Field() chairpersonId!: string;
  @Field() month!: string;
  @Field(() => ReceptionRule) rule!: ReceptionRule;
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
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(500) petitionCodes?: string[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}
