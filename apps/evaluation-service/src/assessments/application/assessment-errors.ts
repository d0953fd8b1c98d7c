import { DomainError } from '@xaso/errors';

/** Also what a caller outside the assessment's commune and province gets (no existence leak). */
export class AssessmentNotFoundError extends DomainError {
  constructor(cycleId: string, unitCode: string) {
    super('ASSESSMENT_NOT_FOUND', `No assessment of ${unitCode} in cycle ${cycleId}`, `Không có bản đánh giá của ${unitCode} trong kỳ ${cycleId}`, 'not-found', { cycleId, unitCode });
  }
}
