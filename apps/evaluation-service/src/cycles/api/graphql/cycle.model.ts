import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar, UnitCodeScalar } from '@xaso/api';
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
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the province published the results to its communes (công bố kết quả)' }) publishedAt!: string | null;
}

@ObjectType('AssessmentStateCount')
export class StateCountModel {
  @Field() state!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('CycleSummary', { description: "Where the cycle's communes stand and how many are late, today in Vietnam (tổng hợp kỳ đánh giá)" })
export class CycleSummaryModel {
  @Field(() => DateScalar, { description: 'The local date in Vietnam the flags were computed for' }) today!: string;
  @Field(() => [StateCountModel]) byState!: StateCountModel[];
  @Field(() => Int, { description: 'Not submitted by 31 December of the cycle year' }) selfAssessmentOverdue!: number;
  @Field(() => Int, { description: 'Not approved by 31 December of the cycle year' }) reviewOverdue!: number;
  @Field(() => Int, { description: 'Not recognised by 31 January of the next year' }) recognitionOverdue!: number;
}

@InputType()
export class OpenCycleInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field() @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
  @Field() @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/) scorecardCode!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(10_000) scorecardVersion!: number;
  @Field(() => [UnitCodeScalar], { description: 'The communes in scope (at most 5,000)' }) @ArrayMinSize(1) @ArrayMaxSize(5000) unitCodes!: string[];
}
