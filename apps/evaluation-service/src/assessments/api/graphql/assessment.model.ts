import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar, UnitCodeScalar } from '@xaso/api';
import { GraphQLJSON } from 'graphql-scalars';
import type { AssessmentView } from '../../application/assessment-view';
import type { ScoreSheet } from '../../domain/score-sheet';

export enum AssessmentState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  RECOGNISED = 'RECOGNISED',
}
registerEnumType(AssessmentState, { name: 'AssessmentState', description: 'Where a commune assessment stands (trạng thái đánh giá)' });

@ObjectType('PartScore')
export class PartScoreModel {
  @Field(() => ID) code!: string;
  @Field(() => Float) points!: number;
  @Field(() => Float) maxPoints!: number;
}

@ObjectType('ScoreSheet', { description: 'Scores per group and total, the level from the bands (bảng điểm)' })
export class ScoreSheetModel {
  @Field(() => Float) total!: number;
  @Field(() => String, { nullable: true }) levelCode!: string | null;
  @Field({ description: 'A COMPUTED indicator has no data: no level, not ranked' }) insufficientData!: boolean;
  @Field(() => [String]) insufficientIndicators!: string[];
  @Field(() => [PartScoreModel]) groups!: PartScoreModel[];
  @Field(() => [PartScoreModel]) criteria!: PartScoreModel[];
}

@ObjectType('AssessmentHistoryEntry', { description: 'One recorded step: who, when, what changed' })
export class AssessmentHistoryEntryModel {
  @Field(() => Int) seq!: number;
  @Field() step!: string;
  @Field(() => AssessmentState) from!: AssessmentState;
  @Field(() => AssessmentState) to!: AssessmentState;
  @Field() actorId!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => GraphQLJSON) changes!: unknown;
}

@ObjectType('AssessmentOverdue', { description: 'Stages late on the local date in Vietnam (quá hạn): self-assessment and review by 31 December, recognition in January' })
export class AssessmentOverdueModel {
  @Field({ description: 'Not submitted by 31 December of the cycle year' }) selfAssessmentOverdue!: boolean;
  @Field({ description: 'Not approved by 31 December of the cycle year' }) reviewOverdue!: boolean;
  @Field({ description: 'Not recognised by 31 January of the next year' }) recognitionOverdue!: boolean;
}

@ObjectType('Assessment', { description: "A commune's assessment in a cycle: self-assessed, measured and reviewed values side by side" })
export class AssessmentModel {
  @Field(() => ID) cycleId!: string;
  @Field(() => UnitCodeScalar) unitCode!: string;
  @Field() provinceCode!: string;
  @Field(() => Int) year!: number;
  @Field() scorecardCode!: string;
  @Field(() => Int) scorecardVersion!: number;
  @Field(() => AssessmentState) state!: AssessmentState;
  @Field(() => GraphQLJSON, { description: 'MANUAL scores with evidence, per indicator code' }) manual!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'COMPUTED values frozen at submission' }) measured!: unknown;
  @Field(() => GraphQLJSON, { description: 'Reviewed points with comments, per indicator code' }) reviews!: unknown;
  @Field(() => String, { nullable: true }) recognisedLevelCode!: string | null;
  @Field(() => ScoreSheetModel) self!: ScoreSheetModel;
  @Field(() => ScoreSheetModel) reviewed!: ScoreSheetModel;
  @Field(() => [AssessmentHistoryEntryModel]) history!: AssessmentHistoryEntryModel[];
  @Field(() => AssessmentOverdueModel) overdue!: AssessmentOverdueModel;
}

const sheetModelOf = (s: ScoreSheet): ScoreSheetModel => ({
  total: s.total,
  levelCode: s.levelCode,
  insufficientData: s.insufficientData,
  insufficientIndicators: [...s.insufficientIndicators],
  groups: [...s.groups],
  criteria: [...s.criteria],
});

export function assessmentModelOf({ assessment: a, self, reviewed, overdue }: AssessmentView): AssessmentModel {
  return {
    ...a,
    state: a.state as AssessmentState,
    self: sheetModelOf(self),
    reviewed: sheetModelOf(reviewed),
    overdue,
    history: a.history.map((h) => ({ ...h, from: h.from as AssessmentState, to: h.to as AssessmentState })),
  };
}
