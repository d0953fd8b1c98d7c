import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UnitCodeScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { GraphQLJSON } from 'graphql-scalars';
import { ApproveAssessment } from '../../application/approve-assessment.use-case';
import { GetAssessment } from '../../application/get-assessment.query';
import { RecogniseAssessment } from '../../application/recognise-assessment.use-case';
import { ReturnAssessment } from '../../application/return-assessment.use-case';
import { ReviewAssessment } from '../../application/review-assessment.use-case';
import { SaveSelfAssessment } from '../../application/save-self-assessment.use-case';
import { SubmitAssessment } from '../../application/submit-assessment.use-case';
import { UnapproveAssessment } from '../../application/unapprove-assessment.use-case';
import { AssessmentModel, assessmentModelOf } from './assessment.model';

const cycleArg = () => Args('cycleId', { type: () => ID });
const unitArg = () => Args('unitCode', { type: () => UnitCodeScalar });

/** The yearly workflow; who may do which step is the domain's rule (commune fills, province reviews, province leader recognises). */
@Roles(...GOVERNMENT_STAFF)
@Resolver(() => AssessmentModel)
export class AssessmentResolver {
  constructor(
    private readonly getAssessment: GetAssessment,
    private readonly saveSelf: SaveSelfAssessment,
    private readonly submit: SubmitAssessment,
    private readonly reviewStep: ReviewAssessment,
    private readonly returnStep: ReturnAssessment,
    private readonly approve: ApproveAssessment,
    private readonly unapprove: UnapproveAssessment,
    private readonly recogniseStep: RecogniseAssessment,
  ) {}

  @Query(() => AssessmentModel)
  async assessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string) {
    return assessmentModelOf(await this.getAssessment.execute(user, cycleId, unitCode));
  }

  @Mutation(() => AssessmentModel, { description: 'MANUAL scores with evidence: { indicatorCode: { points, evidence: [{ kind, reference }] } | null }' })
  async saveSelfAssessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string, @Args('entries', { type: () => GraphQLJSON }) entries: unknown) {
    return assessmentModelOf(await this.saveSelf.execute(user, cycleId, unitCode, entries));
  }

  @Mutation(() => AssessmentModel, { description: 'Submits; COMPUTED values are measured and frozen' })
  async submitAssessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string) {
    return assessmentModelOf(await this.submit.execute(user, cycleId, unitCode));
  }

  @Mutation(() => AssessmentModel, { description: 'Reviewed points: { indicatorCode: { points, comment } | null }' })
  async reviewAssessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string, @Args('entries', { type: () => GraphQLJSON }) entries: unknown) {
    return assessmentModelOf(await this.reviewStep.execute(user, cycleId, unitCode, entries));
  }

  @Mutation(() => AssessmentModel)
  async returnAssessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string, @Args('reason') reason: string) {
    return assessmentModelOf(await this.returnStep.execute(user, cycleId, unitCode, reason));
  }

  @Mutation(() => AssessmentModel)
  async approveAssessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string) {
    return assessmentModelOf(await this.approve.execute(user, cycleId, unitCode));
  }

  @Mutation(() => AssessmentModel)
  async unapproveAssessment(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string, @Args('reason') reason: string) {
    return assessmentModelOf(await this.unapprove.execute(user, cycleId, unitCode, reason));
  }

  @Mutation(() => AssessmentModel, { description: 'The province leader recognises in January, with the level' })
  async recognise(@CurrentUser() user: AuthUser, @cycleArg() cycleId: string, @unitArg() unitCode: string) {
    return assessmentModelOf(await this.recogniseStep.execute(user, cycleId, unitCode));
  }
}
