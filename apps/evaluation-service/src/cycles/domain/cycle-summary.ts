import type { LocalDate } from '@xaso/calendar';
import type { AssessmentState } from '../../assessments/domain/assessment';
import { defaultDeadlines, overdueFlags } from '../../assessments/domain/deadlines';

export const ASSESSMENT_STATES: readonly AssessmentState[] = ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'RETURNED', 'APPROVED', 'RECOGNISED'];

export interface StateCount {
  readonly state: AssessmentState;
  readonly count: number;
}

/** Where a cycle's communes stand and how many are late at each stage (on a local day in Vietnam). */
export interface CycleSummary {
  readonly today: LocalDate;
  readonly byState: readonly StateCount[];
  readonly selfAssessmentOverdue: number;
  readonly reviewOverdue: number;
  readonly recognitionOverdue: number;
}

/** From the count of assessments per state: the overdue flags depend on the state only, so counts suffice. */
export function cycleSummaryOf(year: number, today: LocalDate, counts: ReadonlyMap<AssessmentState, number>): CycleSummary {
  const deadlines = defaultDeadlines(year);
  let selfAssessmentOverdue = 0;
  let reviewOverdue = 0;
  let recognitionOverdue = 0;
  for (const state of ASSESSMENT_STATES) {
    const n = counts.get(state) ?? 0;
    const flags = overdueFlags(state, today, deadlines);
    if (flags.selfAssessmentOverdue) selfAssessmentOverdue += n;
    if (flags.reviewOverdue) reviewOverdue += n;
    if (flags.recognitionOverdue) recognitionOverdue += n;
  }
  return { today, byState: ASSESSMENT_STATES.map((state) => ({ state, count: counts.get(state) ?? 0 })), selfAssessmentOverdue, reviewOverdue, recognitionOverdue };
}
