import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { DateTimeScalar, PaginationArgs, UnitCodeScalar } from '@xaso/api';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsNumber, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Channel, Electorate, OptionKind, PassBasis, PollMatter, PollStatus } from '../../domain';
import { ChannelEnum, ElectorateEnum, OptionKindEnum, PassBasisEnum, PollMatterEnum, PollStatusEnum } from './poll-enums';

@InputType('PollOptionInput')
export class PollOptionInput {
  @Field(() => ID) @IsString() @MaxLength(40) id!: string;
  @Field() @IsString() @MaxLength(300) label!: string;
}

@InputType('PollRuleInput')
export class PollRuleInput {
  @Field(() => PassBasisEnum, { nullable: true }) @IsOptional() @IsEnum(PassBasisEnum) passBasis?: PassBasis;
  @Field(() => Float, { nullable: true, description: 'More than this percent of the basis (default 50)' }) @IsOptional() @IsNumber() passPercent?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() quorumPercent?: number | null;
}

@InputType('PollDraftInput')
export class PollDraftFieldsInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() @MaxLength(40) villageCode?: string | null;
  @Field(() => PollMatterEnum, { nullable: true }) @IsOptional() @IsEnum(PollMatterEnum) matter?: PollMatter;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) title?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) description?: string;
  @Field(() => OptionKindEnum, { nullable: true }) @IsOptional() @IsEnum(OptionKindEnum) optionKind?: OptionKind;
  @Field(() => [PollOptionInput], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PollOptionInput) options?: PollOptionInput[];
  @Field(() => ElectorateEnum, { nullable: true }) @IsOptional() @IsEnum(ElectorateEnum) electorate?: Electorate;
  @Field(() => [ChannelEnum], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(2) @IsEnum(ChannelEnum, { each: true }) channels?: Channel[];
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() opensAt?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() closesAt?: Date;
  @Field(() => PollRuleInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => PollRuleInput) rule?: PollRuleInput;
}

@InputType('CreatePollInput')
export class CreatePollInput extends PollDraftFieldsInput {
  @Field(() => UnitCodeScalar, { description: 'The commune' }) @IsString() unitCode!: string;
}

@InputType('RollRowInput')
export class RollRowGqlInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) householdId?: string | null;
  @Field() @IsString() @MaxLength(20) idNumber!: string;
  @Field() @IsString() @MaxLength(200) name!: string;
  @Field(() => ID) @IsString() @MaxLength(40) villageCode!: string;
}

@InputType('PaperTotalInput')
export class PaperTotalInput {
  @Field(() => ID) @IsString() @MaxLength(40) optionId!: string;
  @Field(() => Int) @IsInt() @Min(0) count!: number;
}

@ArgsType()
export class PollsArgs extends PaginationArgs {
  @Field(() => UnitCodeScalar) @IsString() unitCode!: string;
  @Field(() => PollStatusEnum, { nullable: true }) @IsOptional() @IsEnum(PollStatusEnum) status?: PollStatus | null;
}

@ArgsType()
export class UnitPollsArgs extends PaginationArgs {
  @Field(() => PollStatusEnum, { nullable: true }) @IsOptional() @IsEnum(PollStatusEnum) status?: PollStatus | null;
}

@ArgsType()
export class PollBoardArgs extends PaginationArgs {
  @Field(() => ID) @IsString() id!: string;
}
