import { Args, Field, Float, ID, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AdministrativeUnitExtensionResolver, AdministrativeUnitRef } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { UnitEvaluationQuery } from '../../application/unit-evaluation.query';

@ObjectType('UnitEvaluation', { description: "A commune's approved result of a year (kết quả đánh giá)" })
export class UnitEvaluationModel {
  @Field(() => ID) cycleId!: string;
  @Field(() => Int) year!: number;
  @Field() scorecardCode!: string;
  @Field(() => Int) scorecardVersion!: number;
  @Field() state!: string;
  @Field(() => Float, { nullable: true }) total!: number | null;
  @Field(() => String, { nullable: true }) levelCode!: string | null;
  @Field() insufficientData!: boolean;
}

/** `AdministrativeUnit` (merger-service's entity) extended with the commune's evaluation of a year. */
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitEvaluationResolver extends AdministrativeUnitExtensionResolver {
  constructor(private readonly unitEvaluation: UnitEvaluationQuery) {
    super();
  }

  @Roles(...GOVERNMENT_STAFF)
  @ResolveField(() => UnitEvaluationModel, { nullable: true, description: 'The approved result of the year (null before approval)' })
  evaluation(@Parent() unit: AdministrativeUnitRef, @CurrentUser() user: AuthUser, @Args('year', { type: () => Int }) year: number) {
    return this.unitEvaluation.execute(user, unit.code, year);
  }
}

