import {
  petitionAccepted,
  petitionAppealed,
  petitionArchived,
  petitionAssigned,
  petitionClassified,
  petitionDueSoon,
  petitionEscalated,
  petitionExtended,
  petitionFlagged,
  petitionLinked,
  petitionRated,
  petitionReceived,
  petitionReferred,
  petitionRefused,
  petitionReopened,
  petitionResolved,
  petitionWithdrawn,
  type EventInput,
  type PetitionEventState,
  type petitionEvents,
} from '@xaso/contracts';
import type { NewEvent } from '@xaso/messaging';
import { outcomeTiming, type DeadlineMark, type Petition, type PetitionAction, type PetitionStatus } from '../domain';

/** Any `petition.*` contract definition. */
export type PetitionEventDefinition = (typeof petitionEvents)[number];
/** A `petition.*` event ready for the outbox, typed by its definition. */
export type PetitionEvent = NewEvent<PetitionEventDefinition>;

/**
 * Builds the `petition.*` event of a step from the petition after it. Only the fields the
 * contract allows (kind, unit, dates, timing, rating, flags, role) — never identity, text or
 * actor ids. `mark`: the deadline the scheduler found (escalation and due-soon steps).
 */
export function petitionEvent(p: Petition, action: PetitionAction, previousStatus: PetitionStatus | null, mark?: DeadlineMark): PetitionEvent {
  const last = p.history.at(-1);
  const state: PetitionEventState = {
    code: p.code,
    unitCode: p.unitCode,
    kind: p.kind,
    channel: p.channel,
    status: p.status,
    previousStatus,
    attempt: p.attempt,
    complexity: p.complexity,
    remoteArea: p.remoteArea,
    receivedAt: p.receivedAt.toISOString(),
    acceptanceDue: p.acceptanceDue,
    acceptedAt: p.acceptedAt?.toISOString() ?? null,
    resolutionDue: p.resolutionDue ?? null,
    actorRole: last?.actorRole ?? 'SYSTEM',
    crowded: p.flags.crowded,
    prolonged: p.flags.prolonged,
  };
  const event = <D extends PetitionEventDefinition>(definition: D, payload: EventInput<D>): NewEvent<D> => ({
    definition,
    aggregateType: 'Petition',
    aggregateId: p.code,
    unitCode: p.unitCode,
    payload,
    occurredAt: last?.at,
  });
  switch (action) {
    case 'SUBMIT':
      return event(petitionReceived, { ...state, anonymous: p.anonymous, parentCode: p.parentCode ?? null });
    case 'CLASSIFY':
      return event(petitionClassified, state);
    case 'ACCEPT':
      return event(petitionAccepted, state);
    case 'REFUSE':
      return event(petitionRefused, state);
    case 'REFER':
      return event(petitionReferred, { ...state, toUnitCode: p.referral?.unitCode ?? null });
    case 'ASSIGN':
      return event(petitionAssigned, state);
    case 'EXTEND':
      return event(petitionExtended, { ...state, extensionsUsed: p.extensionsUsed });
    case 'RESOLVE': {
      const resolvedAt = need(p.resolvedAt, p, 'resolvedAt');
      const onTime = !p.resolutionDue || outcomeTiming(resolvedAt, p.resolutionDue) === 'ON_TIME';
      return event(petitionResolved, { ...state, resolvedAt: resolvedAt.toISOString(), onTime });
    }
    case 'RATE': {
      const rating = need(p.rating, p, 'rating');
      return event(petitionRated, { ...state, score: rating.score, ratedAt: rating.at.toISOString() });
    }
    case 'REOPEN':
      return event(petitionReopened, { ...state, reopenCount: p.reopenCount });
    case 'APPEAL':
      return event(petitionAppealed, state);
    case 'WITHDRAW':
    case 'WITHDRAW_PARTIALLY':
      return event(petitionWithdrawn, { ...state, partial: action === 'WITHDRAW_PARTIALLY' });
    case 'ESCALATE': {
      const { stage, due } = need(mark, p, 'deadline mark');
      return event(petitionEscalated, { ...state, stage, overdueSince: due });
    }
    case 'MARK_DUE_SOON': {
      const { stage, due, daysLeft } = need(mark, p, 'deadline mark');
      return event(petitionDueSoon, { ...state, stage, due, daysLeft });
    }
    case 'LINK_DUPLICATE':
      return event(petitionLinked, { ...state, mainCode: need(p.linkedToCode, p, 'linkedToCode') });
    case 'REGISTER_DUPLICATE':
      // a registered duplicate is announced only when it raises a flag
      return event(petitionFlagged, { ...state, submissionCount: p.submissionCount, petitionerCount: p.petitionerCount });
    case 'ARCHIVE':
      return event(petitionArchived, state);
  }
}

function need<T>(value: T | undefined, p: Petition, field: string): T {
  if (value === undefined || value === null) throw new Error(`petition ${p.code}: ${field} missing for its event`);
  return value;
}
