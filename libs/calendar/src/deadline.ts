/**
 * Deadline arithmetic for administrative dossiers [Decree 118/2025/NĐ-CP (one-stop shop),
 * replacing Decree 61/2018; Law on Civil Status 2014 Art. 16 … for the 15:00 rule].
 *
 * Rules (all times local, Asia/Ho_Chi_Minh, UTC+7):
 * 1. Effective receipt day.
 *    - Any channel, received on a non-working day → the next working day.
 *    - DIRECT / POSTAL (paper) received on a working day *after* 15:00 → the next working day.
 *      Exactly 15:00:00.000 is not "after"; 15:00:00.001 is.
 *    - ONLINE received on a working day after the end of working hours (17:00) → the next
 *      working day. (Decision for this project: an online dossier sent outside office hours is
 *      treated as arriving when the office next opens; one sent before opening on a working day
 *      counts as that day, which only favours the applicant.)
 * 2. The day of receipt is not counted: with N working days the due day is the N-th counted
 *    working day after the effective receipt day. N = 0 ("same day" procedures) is due on the
 *    effective receipt day itself.
 * 3. Supplement pauses: a working day does not count while the dossier is paused. Partial days
 *    rule: a working day is *paused* when the dossier is paused at the end of that working day
 *    (17:00 local), i.e. `from <= endOfDay < to`. So a request at 10:00 Tue answered at 14:00 Thu
 *    pauses Tue and Wed (2 days); a request and an answer on the same day pause nothing.
 *    Paused days only matter inside the counting window, which is therefore extended by one
 *    working day per paused working day.
 * 4. Due at the end of the working day: 17:00 local on the due day.
 */
import {
  LocalDate,
  atLocalTime,
  localMinutesOfDay,
  toLocalDate,
} from './local-date';
import { WorkingCalendar } from './working-calendar';

export type DossierChannel = 'ONLINE' | 'DIRECT' | 'POSTAL';

export interface Pause {
  from: Date;
  /** Absent while the pause is still open (waiting for the supplement). */
  to?: Date | null;
}

export interface DeadlinePolicy {
  /** Paper dossiers received after this local time (minutes since midnight) count from the next working day. */
  paperCutoffMinutes: number;
  /** Online dossiers received after this local time count from the next working day. */
  onlineCutoffMinutes: number;
  /** Local time at which a due day ends (the due instant). */
  endOfWorkingDayMinutes: number;
}

/** 15:00 local. */
export const PAPER_CUTOFF_MINUTES = 15 * 60;
/** 17:00 local: end of the working day and the due time on the due day. */
export const END_OF_WORKING_DAY_MINUTES = 17 * 60;

export const DEFAULT_DEADLINE_POLICY: Readonly<DeadlinePolicy> = Object.freeze({
  paperCutoffMinutes: PAPER_CUTOFF_MINUTES,
  onlineCutoffMinutes: END_OF_WORKING_DAY_MINUTES,
  endOfWorkingDayMinutes: END_OF_WORKING_DAY_MINUTES,
});

export interface DueDateInput {
  receivedAt: Date;
  /** Legal processing time in working days (0 = same day). */
  workingDays: number;
  channel: DossierChannel;
  pauses?: readonly Pause[];
  /**
   * Treat open pauses as ending at this instant (a provisional due date). Without it, an open
   * pause makes the due date unknown (null).
   */
  asOf?: Date;
}

export interface DeadlineResult {
  /** The local day the dossier counts as received (rule 1). */
  receiptDate: LocalDate;
  /** The due day, or null while a pause is open and no `asOf` was given. */
  dueDate: LocalDate | null;
  /** 17:00 local on the due day, or null. */
  dueAt: Date | null;
  /** Working days that did not count because the dossier was paused (rule 3). */
  pausedWorkingDays: number;
  /** True when an open pause was involved (the result is null or provisional). */
  openPause: boolean;
}

export class DeadlineCalculator {
  constructor(
    readonly calendar: WorkingCalendar,
    readonly policy: Readonly<DeadlinePolicy> = DEFAULT_DEADLINE_POLICY,
  ) {}

  /** Rule 1: the local day a dossier counts as received. */
  effectiveReceiptDate(receivedAt: Date, channel: DossierChannel): LocalDate {
    const date = toLocalDate(receivedAt);
    if (!this.calendar.isWorkingDay(date)) return this.calendar.nextWorkingDay(date);
    const cutoff = channel === 'ONLINE' ? this.policy.onlineCutoffMinutes : this.policy.paperCutoffMinutes;
    return localMinutesOfDay(receivedAt) > cutoff ? this.calendar.nextWorkingDay(date) : date;
  }

  /** The due instant (17:00 local on the due day), or null while a pause is open (see `asOf`). */
  dueDateFor(input: DueDateInput): Date | null {
    return this.deadlineFor(input).dueAt;
  }

  deadlineFor(input: DueDateInput): DeadlineResult {
    const { receivedAt, workingDays, channel } = input;
    if (!Number.isInteger(workingDays) || workingDays < 0) {
      throw new RangeError(`workingDays must be a non-negative integer, got ${workingDays}`);
    }
    const receiptDate = this.effectiveReceiptDate(receivedAt, channel);
    const pauses = (input.pauses ?? []).map((p) => normalisePause(p, input.asOf));
    const openPause = (input.pauses ?? []).some((p) => p.to == null);
    if (openPause && !input.asOf) {
      return { receiptDate, dueDate: null, dueAt: null, pausedWorkingDays: this.countPaused(receiptDate, pauses), openPause };
    }
    const isPaused = (day: LocalDate) => {
      const end = atLocalTime(day, this.policy.endOfWorkingDayMinutes).getTime();
      return pauses.some((p) => p.from <= end && end < p.to);
    };
    let paused = 0;
    let day = receiptDate;
    let counted = 0;
    if (workingDays === 0) {
      // Same-day procedures: due on the receipt day unless it is paused.
      while (isPaused(day)) {
        paused++;
        day = this.calendar.nextWorkingDay(day);
      }
    } else {
      while (counted < workingDays) {
        day = this.calendar.nextWorkingDay(day);
        if (isPaused(day)) paused++;
        else counted++;
      }
    }
    return { receiptDate, dueDate: day, dueAt: atLocalTime(day, this.policy.endOfWorkingDayMinutes), pausedWorkingDays: paused, openPause };
  }

  /**
   * Working days after `since` (exclusive) that count as paused under rule 3 — for display
   * ("paused 3 working days"). Open pauses count up to `asOf` (default: not at all beyond `from`).
   */
  pausedWorkingDays(pauses: readonly Pause[], asOf?: Date): number {
    const normalised = pauses.map((p) => normalisePause(p, asOf));
    if (normalised.length === 0) return 0;
    const first = toLocalDate(new Date(Math.min(...normalised.map((p) => p.from))));
    return this.countPaused(this.calendar.addWorkingDays(first, -1), normalised);
  }

  private countPaused(after: LocalDate, pauses: { from: number; to: number }[]): number {
    const finite = pauses.filter((p) => Number.isFinite(p.to));
    if (finite.length === 0) return 0;
    const last = toLocalDate(new Date(Math.max(...finite.map((p) => p.to))));
    let n = 0;
    for (let day = this.calendar.nextWorkingDay(after); day <= last; day = this.calendar.nextWorkingDay(day)) {
      const end = atLocalTime(day, this.policy.endOfWorkingDayMinutes).getTime();
      if (finite.some((p) => p.from <= end && end < p.to)) n++;
    }
    return n;
  }
}

function normalisePause(p: Pause, asOf?: Date): { from: number; to: number } {
  const from = p.from.getTime();
  if (Number.isNaN(from)) throw new RangeError('Invalid pause start');
  let to: number;
  if (p.to == null) to = asOf ? Math.max(asOf.getTime(), from) : Number.POSITIVE_INFINITY;
  else to = p.to.getTime();
  if (Number.isNaN(to) || to < from) throw new RangeError('A pause must not end before it starts');
  return { from, to };
}

/** True when `now` is after the due instant. A dossier with no due date is never overdue. */
export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt != null && now.getTime() > dueAt.getTime();
}

/** True when the due instant is not yet passed and is at most `hours` away (for "due soon" alerts). */
export function isDueWithin(dueAt: Date | null, now: Date, hours: number): boolean {
  if (dueAt == null) return false;
  const left = dueAt.getTime() - now.getTime();
  return left >= 0 && left <= hours * 3_600_000;
}

export type ResolutionTimeliness = 'EARLY' | 'ON_TIME' | 'LATE';

/**
 * Compares local days: completed before the due day → EARLY; on the due day (at any hour) →
 * ON_TIME; after → LATE. A dossier without a due date is ON_TIME.
 */
export function classifyResolution(dueAt: Date | null, completedAt: Date): ResolutionTimeliness {
  if (dueAt == null) return 'ON_TIME';
  const due = toLocalDate(dueAt);
  const done = toLocalDate(completedAt);
  return done < due ? 'EARLY' : done === due ? 'ON_TIME' : 'LATE';
}

/** Functional form of {@link DeadlineCalculator.dueDateFor}. */
export function dueDateFor(calendar: WorkingCalendar, input: DueDateInput, policy: Readonly<DeadlinePolicy> = DEFAULT_DEADLINE_POLICY): Date | null {
  return new DeadlineCalculator(calendar, policy).dueDateFor(input);
}
