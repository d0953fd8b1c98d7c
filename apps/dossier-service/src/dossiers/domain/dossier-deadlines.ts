import type { DeadlineCalculator } from '@xaso/calendar';
import { isTerminalStatus, DossierStatus } from './dossier-status';
import type { DossierState } from './dossier-state';

const S = DossierStatus;

/** The appointment the citizen holds: the apology's new date if one was issued, else the legal due date. */
export function currentDueAt(state: DossierState): Date | null {
  return state.apology?.newDueAt ?? state.dueAt;
}

/** The legal due date from receipt, processing time and pauses (null while a pause is open). */
export function recomputeDueAt(state: DossierState, deadlines: Pick<DeadlineCalculator, 'dueDateFor'>): Date | null {
  return deadlines.dueDateFor({ receivedAt: state.receivedAt, workingDays: state.workingDays, channel: state.channel, pauses: state.pauses });
}

/** True while the legal clock is paused (waiting for a supplement). */
export function isPaused(state: Pick<DossierState, 'status'>): boolean {
  return state.status === S.SUPPLEMENT_REQUESTED;
}

/** Overdue = unfinished, not paused, and past the appointment (apology date if any). */
export function isDossierOverdue(state: DossierState, now: Date): boolean {
  if (isTerminalStatus(state.status) || state.status === S.PROCESSED || isPaused(state)) return false;
  const due = currentDueAt(state);
  return due != null && now.getTime() > due.getTime();
}
