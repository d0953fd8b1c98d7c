import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { toLocalDate } from '@xaso/calendar';
import { UnitFacts } from '../../indicators/application/unit-facts';
import { measureScorecard } from '../../indicators/domain/measure-scorecard';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';

/**
 * The commune submits: every COMPUTED value is measured from its facts up to the submission day
 * and frozen in the assessment (later events no longer change it).
 */
@Injectable()
export class SubmitAssessment {
  constructor(
    private readonly steps: AssessmentSteps,
    private readonly facts: UnitFacts,
  ) {}

  execute(user: AuthUser, cycleId: string, unitCode: string): Promise<AssessmentView> {
    return this.steps.run(user, cycleId, unitCode, async ({ assessment, scorecard, at }) => {
      const asOf = toLocalDate(at);
      const facts = await this.facts.between(assessment.unitCode, `${assessment.year}-01-01`, asOf < `${assessment.year}-12-31` ? asOf : `${assessment.year}-12-31`);
      return [
        ...(assessment.state === 'RETURNED' ? [{ type: 'REOPEN' as const }] : []),
        { type: 'SUBMIT' as const, measured: measureScorecard(scorecard, facts, assessment.year, asOf) },
      ];
    });
  }
}
