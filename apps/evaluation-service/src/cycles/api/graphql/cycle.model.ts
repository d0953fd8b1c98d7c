import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, UnitCodeScalar } from '@xaso/api';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Matches, Max, Min } from 'class-validator';

@ObjectType('EvaluationCycle', { description: "A province's yearly cycle on one frozen scorecard version (kỳ đánh giá)" })
export class CycleModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field() provinceCode!: string;
  @Field() scorecardCode!: string;
  @Field(() => Int) scorecardVersion!: number;
  @Field(() => [UnitCodeScalar]) unitCodes!: string[];
  @Field(() => DateTimeScalar) openedAt!: string;
}

@InputType()
export class OpenCycleInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field() @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
  @Field() @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/) scorecardCode!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(10_000) scorecardVersion!: number;
  @Field(() => [UnitCodeScalar], { description: 'The communes in scope (at most 5,000)' }) @ArrayMinSize(1) @ArrayMaxSize(5000) unitCodes!: string[];
}
