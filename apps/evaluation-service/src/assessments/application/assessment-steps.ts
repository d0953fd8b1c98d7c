import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import { Clock } from '../../common/application/clock.port';
import { EvaluationActors } from '../../common/application/evaluation-actor';
import { GetScorecard } from '../../scorecards/application/get-scorecard.query';
import type { Scorecard } from '../../scorecards/domain/scorecard';
import type { Actor } from '../domain/actor';
import { applyStep } from '../domain/apply-step';
import type { Assessment, AssessmentStep } from '../domain/assessment';
import { AssessmentAccess } from './assessment-access';
import { AssessmentNotFoundError } from './assessment-errors';
import { assessmentEventsOf } from './assessment-events';
import { type AssessmentView, assessmentViewOf } from './assessment-view';
import { AssessmentRepository } from './assessment.repository.port';

export interface StepRequest {
  readonly assessment: Assessment;
  readonly scorecard: Scorecard;
  readonly actor: Actor;
  readonly at: Date;
}

/**
 * How every workflow use case runs: lock the assessment, map the caller to an evaluation actor,
 * apply the domain steps (order, who may, the step's rules), store the state and the new history
 * rows with the ranked result, and publish the `assessment.*` events, in one transaction.
 */
@Injectable()
export class AssessmentSteps {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly getScorecard: GetScorecard,
    private readonly actors: EvaluationActors,
    private readonly access: AssessmentAccess,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  run(user: AuthUser, cycleId: string, unitCode: string, stepsOf: (request: StepRequest) => Promise<AssessmentStep[]> | AssessmentStep[]): Promise<AssessmentView> {
    return this.transactions.run(async () => {
      const actor = await this.actors.actorOf(user);
      const assessment = await this.assessments.get(cycleId, unitCode, true);
      if (!assessment || !this.access.mayRead(user, actor, assessment)) throw new AssessmentNotFoundError(cycleId, unitCode);
      const { scorecard } = await this.getScorecard.execute(assessment.scorecardCode, assessment.scorecardVersion);
      const at = this.clock.now();
      const ctx = { scorecard, actor, at };
      let next = assessment;
      for (const step of await stepsOf({ assessment, scorecard, actor, at })) next = applyStep(next, step, ctx);
      const view = assessmentViewOf(next, scorecard, at);
      await this.assessments.save(next, assessment.history.length, view.reviewed);
      const events = assessmentEventsOf(view, next.history.slice(assessment.history.length));
      if (events.length > 0) await this.outbox.publish(events);
      return view;
    });
  }
}
