import { ArgsType, Field, ID } from '@nestjs/graphql';
import { DateScalar, PaginationArgs } from '@xaso/api';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMMUNE_CODE_PATTERN, UNIT_CODE_PATTERN, UnitLevel } from '../../domain/unit';

const codeMessage = { message: 'code must be 2–5 digits (villages: <commune code>-NNN)' };

@ArgsType()
export class UnitArgs {
  @Field(() => ID)
  @Matches(UNIT_CODE_PATTERN, codeMessage)
  code!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @IsString()
  asOf?: string;
}

@ArgsType()
export class CurrentUnitsArgs {
  @Field(() => ID)
  @Matches(UNIT_CODE_PATTERN, codeMessage)
  code!: string;

  @Field(() => DateScalar)
  @IsString()
  asOf!: string;
}

@ArgsType()
export class UnitsArgs extends PaginationArgs {
  @Field(() => UnitLevel, { nullable: true })
  @IsOptional()
  @IsEnum(UnitLevel)
  level?: UnitLevel;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, codeMessage)
  parentCode?: string;

  @Field({ nullable: true, description: 'Part of the name; accents and case are ignored ("ba dinh" finds "Phường Ba Đình")' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @IsString()
  asOf?: string;
}

@ArgsType()
export class ChildrenArgs extends PaginationArgs {
  @Field(() => UnitLevel, { nullable: true })
  @IsOptional()
  @IsEnum(UnitLevel)
  level?: UnitLevel;
}

@ArgsType()
export class CreateVillageArgs {
  @Field(() => ID)
  @Matches(COMMUNE_CODE_PATTERN, { message: 'communeCode must be 5 digits' })
  communeCode!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field({ description: 'Thôn or Tổ dân phố' })
  @IsString()
  type!: string;
}
