import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, PaginationArgs, UnitCodeScalar } from '@xaso/api';
import { IsString, Matches } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import type { TargetReport } from '../../../targets/domain/target-report';

@ObjectType('RankedCommune', { description: "A commune's approved result in a province ranking (xếp hạng)" })
export class RankedCommuneModel {
  @Field(() => Int, { description: 'Competition rank: equal totals share it' }) rank!: number;
  @Field(() => UnitCodeScalar) unitCode!: string;
  @Field(() => Float) total!: number;
  @Field(() => String, { nullable: true }) levelCode!: string | null;
  @Field() state!: string;
}

@ObjectType('RankedCommuneConnection')
export class RankedCommuneConnection extends Connection(RankedCommuneModel, 'RankedCommune') {}

@ArgsType()
export class RankingsArgs extends PaginationArgs {
  @Field(() => ID) @IsString() cycleId!: string;
  @Field() @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
}

@ObjectType('TargetRequirementReport')
export class TargetRequirementReportModel {
  @Field(() => ID) code!: string;
  @Field() titleVi!: string;
  @Field() titleEn!: string;
  @Field(() => Int, { description: '1 = meeting the standard, 2 = above level 1, …' }) minLevelRank!: number;
  @Field(() => Float, { nullable: true }) minPercent!: number | null;
  @Field(() => Int, { nullable: true }) minCount!: number | null;
  @Field(() => Int) reachedCount!: number;
  @Field(() => Float, { nullable: true, description: 'Share of the communes in scope, 0–1' }) reachedShare!: number | null;
  @Field(() => Int) requiredCount!: number;
  @Field() met!: boolean;
}

@ObjectType('TargetReport', { description: "A province's targets for a year: share reached vs required (chỉ tiêu)" })
export class TargetReportModel {
  @Field() provinceCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) unitsInScope!: number;
  @Field() hasTargets!: boolean;
  @Field(() => [TargetRequirementReportModel]) requirements!: TargetRequirementReportModel[];
  @Field() allMet!: boolean;
}

export function targetReportModelOf(r: TargetReport): TargetReportModel {
  return { ...r, requirements: r.requirements.map((q) => ({ ...q.requirement, reachedCount: q.reachedCount, reachedShare: q.reachedShare, requiredCount: q.requiredCount, met: q.met })) };
}

@ObjectType('ProvinceTargets', { description: "A province's targets for a scorecard, as data (chỉ tiêu của tỉnh)" })
export class ProvinceTargetsModel {
  @Field() provinceCode!: string;
  @Field() scorecardCode!: string;
  @Field(() => GraphQLJSON, { description: '[{ fromYear, toYear, requirements: [{ code, titleVi, titleEn, minLevelRank, minPercent, minCount }] }]' }) years!: unknown;
}
