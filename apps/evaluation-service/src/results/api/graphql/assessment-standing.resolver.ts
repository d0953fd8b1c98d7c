import { Field, Float, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { AssessmentModel } from '../../../assessments/api/graphql/assessment.model';
import { AssessmentStandingQuery } from '../../application/assessment-standing.query';

@ObjectType('AssessmentStanding', { description: 'Rank within the province and change against the previous year (xếp hạng, so với năm trước)' })
export class AssessmentStandingModel {
  @Field(() => Int, { nullable: true, description: 'Among the cycle\'s approved results of the province; null when not ranked (or, for a commune, before publication)' }) rank!: number | null;
  @Field(() => Float, { nullable: true }) previousYearTotal!: number | null;
  @Field(() => String, { nullable: true }) previousYearLevelCode!: string | null;
  @Field(() => Float, { nullable: true, description: 'Reviewed total minus last year\'s approved total' }) changeAgainstPreviousYear!: number | null;
}

@Resolver(() => AssessmentModel)
export class AssessmentStandingResolver {
  constructor(private readonly standing: AssessmentStandingQuery) {}

  @Roles(...GOVERNMENT_STAFF)
  @ResolveField(() => AssessmentStandingModel)
  standingInProvince(@Parent() a: AssessmentModel, @CurrentUser() user: AuthUser) {
    return this.standing.execute(user, { ...a, total: a.reviewed.total, insufficientData: a.reviewed.insufficientData });
  }
}
