import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '@xaso/api';
import { GraphQLJSON } from 'graphql-scalars';
import type { PublishedScorecard } from '../../application/scorecard.repository.port';

export enum ScorecardScopeKind {
  NATIONAL = 'NATIONAL',
  PROVINCE = 'PROVINCE',
}
registerEnumType(ScorecardScopeKind, { name: 'ScorecardScopeKind', description: 'National or one province (phạm vi áp dụng)' });

@ObjectType('Scorecard', { description: 'A published scorecard version (bộ tiêu chí đánh giá): versioned data, frozen once a cycle uses it' })
export class ScorecardModel {
  @Field(() => ID) code!: string;
  @Field(() => Int) version!: number;
  @Field() titleVi!: string;
  @Field() titleEn!: string;
  @Field(() => ScorecardScopeKind) scope!: ScorecardScopeKind;
  @Field(() => String, { nullable: true }) provinceCode!: string | null;
  @Field(() => Int) fromYear!: number;
  @Field(() => Int, { nullable: true }) toYear!: number | null;
  @Field(() => Float) totalPoints!: number;
  @Field({ description: 'A cycle uses this version: a change must be published as the next version' }) inUse!: boolean;
  @Field(() => DateTimeScalar) publishedAt!: string;
  @Field(() => GraphQLJSON, { description: 'The whole definition: groups → criteria → indicators, bands' }) definition!: unknown;
}

export function scorecardModelOf(p: PublishedScorecard): ScorecardModel {
  const s = p.scorecard;
  return {
    code: s.code,
    version: s.version,
    titleVi: s.titleVi,
    titleEn: s.titleEn,
    scope: s.scope.kind as ScorecardScopeKind,
    provinceCode: s.scope.kind === 'PROVINCE' ? s.scope.provinceCode : null,
    fromYear: s.validYears.fromYear,
    toYear: s.validYears.toYear,
    totalPoints: s.totalPoints,
    inUse: p.inUse,
    publishedAt: p.publishedAt,
    definition: s,
  };
}
