import { DomainError } from '@xaso/errors';
import type { AssessmentState } from '../../assessments/domain/assessment';

/** States in which the province still has work to do before results can be published. */
const PENDING_AT_PROVINCE: readonly AssessmentState[] = ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED'];

export class ResultsNotReadyError extends DomainError {
  constructor(cycleId: string, pending: number, recognised: number) {
    super(
      'RESULTS_NOT_READY',
      `Cycle ${cycleId} cannot be published: ${pending} assessment(s) still under review or awaiting recognition, ${recognised} recognised`,
      `Chưa thể công bố kết quả kỳ ${cycleId}: còn ${pending} hồ sơ đang thẩm định hoặc chờ công nhận, ${recognised} đã công nhận`,
      'conflict',
      { cycleId, pending, recognised },
    );
  }
}

export class ResultsAlreadyPublishedError extends DomainError {
  constructor(cycleId: string, publishedAt: string) {
    super('RESULTS_ALREADY_PUBLISHED', `Cycle ${cycleId}'s results were published at ${publishedAt}`, `Kết quả kỳ ${cycleId} đã được công bố lúc ${publishedAt}`, 'conflict', { cycleId, publishedAt });
  }
}

export class ResultsNotPublishedError extends DomainError {
  constructor(cycleId: string) {
    super(
      'RESULTS_NOT_PUBLISHED',
      `Cycle ${cycleId}'s results are not published yet: a commune sees only its own assessment`,
      `Kết quả kỳ ${cycleId} chưa được công bố: xã chỉ xem được hồ sơ của mình`,
      'forbidden',
      { cycleId },
    );
  }
}

/**
 * A cycle's results are published after recognition: nothing left at the province (submitted,
 * under review, approved but not recognised) and at least one commune recognised. Communes that
 * never submitted (DRAFT, RETURNED) do not hold publication back.
 */
export function assertPublishable(cycleId: string, publishedAt: string | null, counts: ReadonlyMap<AssessmentState, number>): void {
  if (publishedAt) throw new ResultsAlreadyPublishedError(cycleId, publishedAt);
  const pending = PENDING_AT_PROVINCE.reduce((n, s) => n + (counts.get(s) ?? 0), 0);
  const recognised = counts.get('RECOGNISED') ?? 0;
  if (pending > 0 || recognised === 0) throw new ResultsNotReadyError(cycleId, pending, recognised);
}
