import { LocalDate } from '@xaso/calendar';
import { AssessmentState } from './assessment';

/** Inclusive local days within which the province leader recognises results. */
export interface RecognitionWindow {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Last days (inclusive) of each stage of a cycle year. */
export interface CycleDeadlines {
  readonly selfAssessmentDue: LocalDate;
  readonly reviewDue: LocalDate;
  readonly recognitionDue: LocalDate;
}

export function defaultRecognitionWindow(year: number): RecognitionWindow {
  return { from: `${year + 1}-01-01`, to: `${year + 1}-01-31` };
}

/** Self-assessment and review by 31 December of the year; recognition in January of the next. */
export function defaultDeadlines(year: number): CycleDeadlines {
  return { selfAssessmentDue: `${year}-12-31`, reviewDue: `${year}-12-31`, recognitionDue: `${year + 1}-01-31` };
}

export interface OverdueFlags {
  readonly selfAssessmentOverdue: boolean;
  readonly reviewOverdue: boolean;
  readonly recognitionOverdue: boolean;
}

const NOT_SUBMITTED: readonly AssessmentState[] = ['DRAFT', 'RETURNED'];
const NOT_REVIEWED: readonly AssessmentState[] = [...NOT_SUBMITTED, 'SUBMITTED', 'UNDER_REVIEW'];

/** Which stages are late for an assessment in `state` on `today` (a stage is late the day after its due day). */
export function overdueFlags(state: AssessmentState, today: LocalDate, deadlines: CycleDeadlines): OverdueFlags {
  return {
    selfAssessmentOverdue: NOT_SUBMITTED.includes(state) && today > deadlines.selfAssessmentDue,
    reviewOverdue: NOT_REVIEWED.includes(state) && today > deadlines.reviewDue,
    recognitionOverdue: state !== 'RECOGNISED' && today > deadlines.recognitionDue,
  };
}
