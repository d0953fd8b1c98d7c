import { Module } from '@nestjs/common';
import { AssessmentsController } from './api/rest/assessments.controller';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { EvaluationActors } from '../common/application/evaluation-actor';
import { CyclesModule } from '../cycles/cycles.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { AssessmentResolver } from './api/graphql/assessment.resolver';
import { ApproveAssessment } from './application/approve-assessment.use-case';
import { AssessmentAccess } from './application/assessment-access';
import { AssessmentSteps } from './application/assessment-steps';
import { AssessmentRepository } from './application/assessment.repository.port';
import { GetAssessment } from './application/get-assessment.query';
import { RecogniseAssessment } from './application/recognise-assessment.use-case';
import { ReturnAssessment } from './application/return-assessment.use-case';
import { ReviewAssessment } from './application/review-assessment.use-case';
import { SaveSelfAssessment } from './application/save-self-assessment.use-case';
import { SubmitAssessment } from './application/submit-assessment.use-case';
import { UnapproveAssessment } from './application/unapprove-assessment.use-case';
import { PgAssessmentRepository } from './infrastructure/pg-assessment.repository';

const USE_CASES = [SaveSelfAssessment, SubmitAssessment, ReviewAssessment, ReturnAssessment, ApproveAssessment, UnapproveAssessment, RecogniseAssessment];

/** The yearly self-assessment → review → recognition workflow of each commune. */
@Module({
  controllers: [AssessmentsController],
  imports: [UnitReplicaModule, ScorecardsModule, IndicatorsModule, CyclesModule],
  providers: [
    { provide: AssessmentRepository, useClass: PgAssessmentRepository },
    EvaluationActors,
    AssessmentAccess,
    AssessmentSteps,
    GetAssessment,
    ...USE_CASES,
    AssessmentResolver,
  ],
  exports: [GetAssessment],
})
export class AssessmentsModule {}
