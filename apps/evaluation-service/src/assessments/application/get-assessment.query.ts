import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Clock } from '../../common/application/clock.port';
import { CycleRepository } from '../../cycles/application/cycle.repository.port';
import { EvaluationActors } from '../../common/application/evaluation-actor';
import { GetScorecard } from '../../scorecards/application/get-scorecard.query';
import { AssessmentAccess } from './assessment-access';
import { AssessmentNotFoundError } from './assessment-errors';
import { type AssessmentView, assessmentViewOf } from './assessment-view';
import { AssessmentRepository } from './assessment.repository.port';

@Injectable()
export class GetAssessment {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly actors: EvaluationActors,
    private readonly access: AssessmentAccess,
    private readonly getScorecard: GetScorecard,
    private readonly clock: Clock,
    private readonly cycles: CycleRepository,
  ) {}

  async execute(user: AuthUser, cycleId: string, unitCode: string): Promise<AssessmentView> {
    const assessment = await this.assessments.get(cycleId, unitCode);
    if (!assessment) throw new AssessmentNotFoundError(cycleId, unitCode);
    const actor = await this.actors.actorOf(user);
    const mayRead = this.access.mayRead(user, actor, assessment) || (this.access.mayReadOnceOpen(actor, assessment) && !!(await this.cycles.get(cycleId))?.publishedAt);
    if (!mayRead) throw new AssessmentNotFoundError(cycleId, unitCode);
    return assessmentViewOf(assessment, (await this.getScorecard.execute(assessment.scorecardCode, assessment.scorecardVersion)).scorecard, this.clock.now());
  }
}
