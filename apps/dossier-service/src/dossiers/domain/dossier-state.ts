import type { DossierChannel, Pause } from '@xaso/calendar';
import type { DossierStatus } from './dossier-status';
import type { ActorRole } from './roles';

/** What a dossier is in the domain: its state, the commands it accepts and the history entries they leave. */
export type DossierAction =
  | 'RECEIVE'
  | 'START_PROCESSING'
  | 'REQUEST_SUPPLEMENT'
  | 'PROVIDE_SUPPLEMENT'
  | 'COMPLETE'
  | 'RETURN'
  | 'REFUSE'
  | 'STOP'
  | 'WITHDRAW'
  | 'ISSUE_APOLOGY'
  | 'TRANSFER';

export const ALL_DOSSIER_ACTIONS: readonly DossierAction[] = [
  'RECEIVE',
  'START_PROCESSING',
  'REQUEST_SUPPLEMENT',
  'PROVIDE_SUPPLEMENT',
  'COMPLETE',
  'RETURN',
  'REFUSE',
  'STOP',
  'WITHDRAW',
  'ISSUE_APOLOGY',
  'TRANSFER',
];

export interface Apology {
  reason: string;
  /** The new appointment date (set once). */
  newDueAt: Date;
  /** The due date the apology replaced (the legal due date at the time). */
  previousDueAt: Date;
  issuedAt: Date;
  issuedBy: string;
}

export interface DossierState {
  id: string;
  code: string;
  procedureCode: string;
  applicantId: string;
  channel: DossierChannel;
  status: DossierStatus;
  /** The centre that received the dossier, the unit competent to decide, the unit processing it now. */
  receivingUnitCode: string;
  competentUnitCode: string;
  processingUnitCode: string;
  receivedAt: Date;
  /** Legal processing time in working days. */
  workingDays: number;
  /**
   * The legal due date (receipt rules + pauses), not changed by an apology — statistics measure
   * lateness against it. `currentDueAt()` gives the appointment the citizen holds.
   */
  dueAt: Date | null;
  /** Supplement pauses; the last one is open while SUPPLEMENT_REQUESTED. */
  pauses: Pause[];
  apology: Apology | null;
  /** When processing ended: PROCESSED, REFUSED, STOPPED or WITHDRAWN. */
  completedAt: Date | null;
  /** When the result was handed over (RETURNED). */
  returnedAt: Date | null;
}

export interface ReceiveData {
  id: string;
  code: string;
  procedureCode: string;
  applicantId: string;
  channel: DossierChannel;
  receivingUnitCode: string;
  competentUnitCode: string;
  processingUnitCode: string;
  workingDays: number;
  /** Computed by the caller with the calendar (`DeadlineCalculator.dueDateFor`), or by `transition` when `deadlines` is given. */
  dueAt?: Date | null;
}

export type DossierCommand =
  | { type: 'RECEIVE'; dossier: ReceiveData; note?: string }
  | { type: 'START_PROCESSING'; note?: string }
  | { type: 'REQUEST_SUPPLEMENT'; note: string }
  | { type: 'PROVIDE_SUPPLEMENT'; note?: string }
  | { type: 'COMPLETE'; note?: string }
  | { type: 'RETURN'; note?: string }
  | { type: 'REFUSE'; note: string }
  | { type: 'STOP'; note: string }
  | { type: 'WITHDRAW'; note?: string }
  | { type: 'ISSUE_APOLOGY'; note: string; newDueAt: Date }
  | { type: 'TRANSFER'; toUnitCode: string; note?: string };

export interface DossierHistoryEntry {
  action: DossierAction;
  from: DossierStatus | null;
  to: DossierStatus;
  actorId: string;
  actorRole: ActorRole;
  at: Date;
  note: string | null;
  /** Action-specific data: the apology's dates, a transfer's units. */
  data?: Record<string, unknown>;
}
