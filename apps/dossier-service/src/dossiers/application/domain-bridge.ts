/**
 * Where the application layer meets the pure dossier domain (`../domain`): maps stored records
 * to the domain's `DossierState`, runs `transition()` (throwing its `DossierDomainError`, which
 * `@xaso/api` maps) and turns the new state back into column changes. No rule lives here.
 */
import type { DeadlineCalculator } from '@xaso/calendar';
import {
  type Actor,
  type ActorRole,
  type DossierCommand,
  type DossierHistoryEntry,
  type DossierState,
  DossierStatus,
  isTerminalStatus,
  TRANSITION_TABLE,
  transition,
} from '../domain';
import type { DossierChanges, DossierRecord } from './dossier.records';

export { DossierStatus } from '../domain';

/** Identity of the applicant inside the domain: the account that submitted online, else the ID number. */
export function applicantIdOf(d: Pick<DossierRecord, 'applicant'>): string {
  return d.applicant.sub ?? `id:${d.applicant.idNumber}`;
}

export function toState(d: DossierRecord): DossierState {
  return {
    id: d.id,
    code: d.code,
    procedureCode: d.procedureCode,
    applicantId: applicantIdOf(d),
    channel: d.channel,
    status: d.status as DossierStatus,
    receivingUnitCode: d.receivingUnitCode,
    competentUnitCode: d.competentUnitCode,
    processingUnitCode: d.processingUnitCode,
    receivedAt: d.receivedAt,
    workingDays: d.processingDays,
    dueAt: d.dueAt,
    pauses: d.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
    apology: d.apology
      ? { reason: d.apology.reason, newDueAt: d.apology.newDueAt, previousDueAt: d.apology.previousDueAt, issuedAt: d.apology.issuedAt, issuedBy: d.apology.issuedBy }
      : null,
    completedAt: d.completedAt,
    returnedAt: d.returnedAt,
  };
}

/** The role an actor uses for `action`: the first of their roles the transition table allows, else their first role. */
export function pickRole(roles: readonly string[], action: DossierCommand['type']): ActorRole {
  const allowed = TRANSITION_TABLE[action].roles;
  return (roles.find((r) => allowed.includes(r as ActorRole)) ?? roles[0] ?? 'CITIZEN') as ActorRole;
}

export function applyCommand(
  d: DossierRecord,
  command: DossierCommand,
  actor: Actor,
  now: Date,
  deadlines: Pick<DeadlineCalculator, 'dueDateFor'>,
): { state: DossierState; entry: DossierHistoryEntry; changes: DossierChanges } {
  const result = transition(toState(d), command, actor, now, { deadlines });
  if (!result.ok) throw result.error;
  const s = result.state;
  const openPause = s.pauses.find((p) => p.to == null);
  const changes: DossierChanges = {
    status: s.status,
    processingUnitCode: s.processingUnitCode,
    dueAt: s.dueAt,
    pausedSince: openPause ? openPause.from : null,
    pauses: s.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to ? p.to.toISOString() : null })),
    completedAt: s.completedAt,
    returnedAt: s.returnedAt,
    closedAt: isTerminalStatus(s.status) && !isTerminalStatus(d.status) ? now : d.closedAt,
  };
  if (s.apology && !d.apology) {
    Object.assign(changes, {
      apologyReason: s.apology.reason,
      apologyNewDueAt: s.apology.newDueAt,
      apologyPreviousDueAt: s.apology.previousDueAt,
      apologyIssuedAt: s.apology.issuedAt,
      apologyIssuedBy: s.apology.issuedBy,
    });
  }
  // A new legal or promised date: the scheduler may announce it again.
  if ((s.dueAt?.getTime() ?? null) !== (d.dueAt?.getTime() ?? null) || (s.apology && !d.apology)) {
    changes.overdueFlaggedAt = null;
    changes.dueSoonFlaggedAt = null;
  }
  return { state: s, entry: result.entry, changes };
}

/** The appointment the applicant holds: the apology's new date if any, else the legal due date; null while paused. */
export function shownDueAt(d: DossierRecord): Date | null {
  if (d.pausedSince) return null;
  return d.apology?.newDueAt ?? d.dueAt;
}

export function isOverdueRecord(d: DossierRecord, now: Date): boolean {
  if (isTerminalStatus(d.status) || d.status === DossierStatus.PROCESSED || d.pausedSince) return false;
  const due = d.apology?.newDueAt ?? d.dueAt;
  return !!due && now.getTime() > due.getTime();
}
