/**
 * Statutory time limits per kind and the deadline arithmetic (pure).
 *
 * Sources: Law on Complaints 2011 Art. 27 (accept within 10 days), Art. 28 (first-time: 30 days,
 * complex 45; remote/difficult areas 45, complex 60), Art. 37 (second-time: 45, complex 60;
 * remote 60, complex 70), Art. 33 (second-time complaint within 30 days, remote 45);
 * Law on Denunciations 2018 Art. 24 (accept within 7 working days — the issue fixes 10 days for
 * all kinds, configurable) and Art. 30 (30 days, extendable once for complex cases, twice for
 * very complex cases, 30 days each). Feedback / recommendation limits are not statutory at
 * commune level: configurable, defaults below (HCMC 1022 style).
 *
 * Whether "days" are calendar or working days is not settled by the texts: configurable per kind,
 * default calendar days. Working days are delegated to the `AddDaysPort` (wired to
 * `@xaso/calendar`'s `WorkingCalendar.addWorkingDays`); this file has no holiday calendar.
 * The day of receipt / acceptance is not counted: due = start + n days.
 */
import { addDays as addCalendarDays, daysBetween, toLocalDate } from '@xaso/calendar';
import type { Complexity, DayKind, LocalDate, Petition, PetitionKind } from './petition.types';

/** Adds `n` days of `kind` to `start`. */
export type AddDaysPort = (start: LocalDate, n: number, kind: DayKind) => LocalDate;

/** Calendar days natively; working days only when a working-day function is supplied. */
export function makeAddDays(addWorkingDays?: (start: LocalDate, n: number) => LocalDate): AddDaysPort {
  return (start, n, kind) => {
    if (kind === 'CALENDAR') return addCalendarDays(start, n);
    if (!addWorkingDays) throw new Error('Working-day deadlines need a working-day calendar (@xaso/calendar)');
    return addWorkingDays(start, n);
  };
}

export const calendarAddDays: AddDaysPort = makeAddDays();

export interface ComplaintLimits {
  normal: number;
  complex: number;
  remoteNormal: number;
  remoteComplex: number;
}

export interface ExtendableLimits {
  base: number;
  extensionDays: number;
  maxExtensions: Record<Complexity, number>;
}

export interface PetitionPolicy {
  acceptanceDays: number;
  /** Complaint: filed within this many days of the act or decision [Law on Complaints 2011 Art. 9]. */
  complaintFilingDays: number;
  dayKind: Record<PetitionKind, DayKind>;
  complaint: { first: ComplaintLimits; second: ComplaintLimits };
  denunciation: ExtendableLimits;
  recommendation: ExtendableLimits;
  feedback: ExtendableLimits;
  /** Days before the due date from which a case is "due soon". */
  dueSoonDays: number;
  /** Feedback / recommendation: days after resolution during which the citizen may re-open. */
  reopenWindowDays: number;
  /** Second-time complaint window after the first-time decision (remote areas: longer). */
  appealWindowDays: number;
  appealWindowDaysRemote: number;
  /** đông người: distinct petitioners at or above this. */
  crowdedThreshold: number;
  /** kéo dài: submissions of the same matter at or above this. */
  prolongedThreshold: number;
}

export const DEFAULT_POLICY: PetitionPolicy = Object.freeze({
  acceptanceDays: 10,
  complaintFilingDays: 90,
  dayKind: {
    COMPLAINT: 'CALENDAR',
    DENUNCIATION: 'CALENDAR',
    RECOMMENDATION: 'CALENDAR',
    FEEDBACK: 'CALENDAR',
    INFORMATION: 'CALENDAR',
  },
  complaint: {
    first: { normal: 30, complex: 45, remoteNormal: 45, remoteComplex: 60 },
    second: { normal: 45, complex: 60, remoteNormal: 60, remoteComplex: 70 },
  },
  denunciation: { base: 30, extensionDays: 30, maxExtensions: { NORMAL: 0, COMPLEX: 1, VERY_COMPLEX: 2 } },
  recommendation: { base: 15, extensionDays: 15, maxExtensions: { NORMAL: 1, COMPLEX: 1, VERY_COMPLEX: 1 } },
  feedback: { base: 15, extensionDays: 15, maxExtensions: { NORMAL: 1, COMPLEX: 1, VERY_COMPLEX: 1 } },
  dueSoonDays: 3,
  reopenWindowDays: 30,
  appealWindowDays: 30,
  appealWindowDaysRemote: 45,
  crowdedThreshold: 5,
  prolongedThreshold: 3,
}) as PetitionPolicy;

/** A policy with some values overridden (deep for `dayKind`). */
export function policyWith(overrides: Partial<PetitionPolicy>): PetitionPolicy {
  return { ...DEFAULT_POLICY, ...overrides, dayKind: { ...DEFAULT_POLICY.dayKind, ...(overrides.dayKind ?? {}) } };
}

export function acceptanceDue(receivedAt: Date, kind: PetitionKind, policy = DEFAULT_POLICY, addDays = calendarAddDays): LocalDate {
  return addDays(toLocalDate(receivedAt), policy.acceptanceDays, policy.dayKind[kind]);
}

/**
 * Complaint filing limit: the last day on which a complaint about an act of `actDate` may be
 * filed (act day not counted, calendar days: the 90 days run for the citizen, not the office).
 */
export function complaintFilingDeadline(actDate: LocalDate, policy = DEFAULT_POLICY): LocalDate {
  return addCalendarDays(actDate, policy.complaintFilingDays);
}

/** Whether a complaint received at `receivedAt` about an act of `actDate` was filed after the limit. */
export function isFiledLate(actDate: LocalDate, receivedAt: Date, policy = DEFAULT_POLICY): boolean {
  return toLocalDate(receivedAt) > complaintFilingDeadline(actDate, policy);
}

export interface ResolutionTerms {
  kind: PetitionKind;
  attempt: 1 | 2;
  complexity: Complexity;
  remoteArea: boolean;
  extensionsUsed: number;
}

/** Days allowed for resolution, counting the extensions already granted. `undefined` for INFORMATION. */
export function resolutionDays(terms: ResolutionTerms, policy = DEFAULT_POLICY): number | undefined {
  switch (terms.kind) {
    case 'COMPLAINT': {
      const t = terms.attempt === 2 ? policy.complaint.second : policy.complaint.first;
      const complex = terms.complexity !== 'NORMAL';
      if (terms.remoteArea) return complex ? t.remoteComplex : t.remoteNormal;
      return complex ? t.complex : t.normal;
    }
    case 'DENUNCIATION':
    case 'RECOMMENDATION':
    case 'FEEDBACK': {
      const t = extendableLimits(terms.kind, policy);
      return t.base + t.extensionDays * terms.extensionsUsed;
    }
    case 'INFORMATION':
      return undefined;
  }
}

function extendableLimits(kind: 'DENUNCIATION' | 'RECOMMENDATION' | 'FEEDBACK', policy: PetitionPolicy): ExtendableLimits {
  return kind === 'DENUNCIATION' ? policy.denunciation : kind === 'RECOMMENDATION' ? policy.recommendation : policy.feedback;
}

export function resolutionDue(
  startedAt: Date,
  terms: ResolutionTerms,
  policy = DEFAULT_POLICY,
  addDays = calendarAddDays,
): LocalDate | undefined {
  const days = resolutionDays(terms, policy);
  return days === undefined ? undefined : addDays(toLocalDate(startedAt), days, policy.dayKind[terms.kind]);
}

/**
 * How many extensions the law allows. Denunciation: 0 / 1 (complex) / 2 (very complex).
 * Complaint: one, which declares a NORMAL case complex (30 → 45 days, etc.); none if it was
 * already complex. Feedback / recommendation: per policy. Information: none.
 */
export function maxExtensions(kind: PetitionKind, complexity: Complexity, policy = DEFAULT_POLICY): number {
  switch (kind) {
    case 'COMPLAINT':
      return complexity === 'NORMAL' ? 1 : 0;
    case 'DENUNCIATION':
    case 'RECOMMENDATION':
    case 'FEEDBACK':
      return extendableLimits(kind, policy).maxExtensions[complexity];
    case 'INFORMATION':
      return 0;
  }
}

export type DeadlineState = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';
export type OutcomeTiming = 'ON_TIME' | 'LATE';

/** ON_TRACK, DUE_SOON (due within `dueSoonDays`, due day included) or OVERDUE (after the due day). */
export function deadlineState(due: LocalDate, today: LocalDate, dueSoonDays = DEFAULT_POLICY.dueSoonDays): DeadlineState {
  const left = daysBetween(today, due);
  if (left < 0) return 'OVERDUE';
  if (left <= dueSoonDays) return 'DUE_SOON';
  return 'ON_TRACK';
}

const AWAITING_ACCEPTANCE = new Set(['RECEIVED', 'CLASSIFIED']);
const IN_RESOLUTION = new Set(['ACCEPTED', 'ASSIGNED', 'REOPENED']);

/** The deadline that currently runs: acceptance before thụ lý, resolution after; none when closed. */
export function currentDue(p: Pick<Petition, 'status' | 'acceptanceDue' | 'resolutionDue'>): { due: LocalDate; stage: 'ACCEPTANCE' | 'RESOLUTION' } | undefined {
  if (AWAITING_ACCEPTANCE.has(p.status)) return { due: p.acceptanceDue, stage: 'ACCEPTANCE' };
  if (IN_RESOLUTION.has(p.status) && p.resolutionDue) return { due: p.resolutionDue, stage: 'RESOLUTION' };
  return undefined;
}

export interface DeadlineMark {
  due: LocalDate;
  stage: 'ACCEPTANCE' | 'RESOLUTION';
  state: DeadlineState;
  /** Overdue and not yet escalated for this due date: escalate to the commune chairperson. */
  needsEscalation: boolean;
  /** Due soon and not yet announced for this due date. */
  needsDueSoonNotice: boolean;
  /** Days left until the due day (negative when overdue). */
  daysLeft: number;
}

export function markDeadline(
  p: Pick<Petition, 'status' | 'acceptanceDue' | 'resolutionDue' | 'escalatedDue'> & Partial<Pick<Petition, 'dueSoonDue'>>,
  now: Date,
  policy = DEFAULT_POLICY,
): DeadlineMark | undefined {
  const current = currentDue(p);
  if (!current) return undefined;
  const today = toLocalDate(now);
  const state = deadlineState(current.due, today, policy.dueSoonDays);
  return {
    ...current,
    state,
    needsEscalation: state === 'OVERDUE' && p.escalatedDue !== current.due,
    needsDueSoonNotice: state === 'DUE_SOON' && p.dueSoonDue !== current.due,
    daysLeft: daysBetween(today, current.due),
  };
}

/** Whether a resolution met its deadline (resolution day ≤ due day). */
export function outcomeTiming(resolvedAt: Date, due: LocalDate): OutcomeTiming {
  return toLocalDate(resolvedAt) <= due ? 'ON_TIME' : 'LATE';
}
