import { LocalDate } from '@xaso/calendar';
import { MeasuredValue } from '../../indicators/domain/computed-value';
import { ManualEntry } from './evidence';
import { ReviewEntry } from './reviewed-sheet';

export type AssessmentState = 'DRAFT' | 'SUBMITTED' | 'UNDER_REVIEW' | 'RETURNED' | 'APPROVED' | 'RECOGNISED';

export type AssessmentStep =
  | { readonly type: 'SAVE_SELF'; readonly entries: Readonly<Record<string, ManualEntry | null>> }
  | { readonly type: 'REOPEN' }
  | { readonly type: 'SUBMIT'; readonly measured: Readonly<Record<string, MeasuredValue>> }
  | { readonly type: 'START_REVIEW' }
  | { readonly type: 'REVIEW'; readonly entries: Readonly<Record<string, ReviewEntry | null>> }
  | { readonly type: 'RETURN'; readonly reason: string }
  | { readonly type: 'APPROVE' }
  | { readonly type: 'UNAPPROVE'; readonly reason: string }
  | { readonly type: 'RECOGNISE' };

export type StepType = AssessmentStep['type'];

export interface FieldChange {
  /** e.g. `manual.G1.C1.I1`, `reviews.G1.C1.I1`, `measured`, `reviewedTotal`, `level`. */
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** One recorded step: who did what, when, from which state to which, and what changed. */
export interface HistoryEntry {
  readonly seq: number;
  readonly step: StepType;
  readonly from: AssessmentState;
  readonly to: AssessmentState;
  readonly actorId: string;
  readonly at: string;
  readonly changes: readonly FieldChange[];
  readonly reason: string | null;
}

/** A commune's assessment in one cycle, with self-assessed, measured and reviewed values side by side. */
export interface Assessment {
  readonly cycleId: string;
  readonly year: number;
  readonly unitCode: string;
  readonly provinceCode: string;
  readonly scorecardCode: string;
  readonly scorecardVersion: number;
  readonly state: AssessmentState;
  readonly manual: Readonly<Record<string, ManualEntry>>;
  /** Measured values frozen at the last submission; null before one. */
  readonly measured: Readonly<Record<string, MeasuredValue>> | null;
  readonly submittedOn: LocalDate | null;
  readonly reviews: Readonly<Record<string, ReviewEntry>>;
  /** The level recognised (null = not recognised), set by RECOGNISE. */
  readonly recognisedLevelCode: string | null;
  readonly history: readonly HistoryEntry[];
}

export function newAssessment(fields: Pick<Assessment, 'cycleId' | 'year' | 'unitCode' | 'provinceCode' | 'scorecardCode' | 'scorecardVersion'>): Assessment {
  return { ...fields, state: 'DRAFT', manual: {}, measured: null, submittedOn: null, reviews: {}, recognisedLevelCode: null, history: [] };
}
