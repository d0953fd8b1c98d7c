import type { NewEvent } from '@xaso/messaging';
import { outcomeTiming, type Petition, type PetitionAction, type PetitionStatus } from '../domain';

/**
 * Builds `petition.*` events from the petition after a step. Only the fields the contract
 * allows (kind, unit, dates, timing, rating, flags, role) — never identity, text or actor ids.
 */
export function petitionEvent(p: Petition, action: PetitionAction, previousStatus: PetitionStatus | null, extra: Record<string, unknown> = {}): NewEvent {
  const last = p.history.at(-1);
  const state = {
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
  const type = EVENT_OF_ACTION[action];
  let payload: Record<string, unknown> = { ...state };
  switch (action) {
    case 'SUBMIT':
      payload = { ...payload, anonymous: p.anonymous, parentCode: p.parentCode ?? null };
      break;
    case 'REFER':
      payload = { ...payload, toUnitCode: p.referral?.unitCode ?? null };
      break;
    case 'EXTEND':
      payload = { ...payload, extensionsUsed: p.extensionsUsed };
      break;
    case 'RESOLVE': {
      const resolvedAt = need(p.resolvedAt, p, 'resolvedAt');
      payload = { ...payload, resolvedAt: resolvedAt.toISOString(), onTime: !p.resolutionDue || outcomeTiming(resolvedAt, p.resolutionDue) === 'ON_TIME' };
      break;
    }
    case 'RATE': {
      const rating = need(p.rating, p, 'rating');
      payload = { ...payload, score: rating.score, ratedAt: rating.at.toISOString() };
      break;
    }
    case 'REOPEN':
      payload = { ...payload, reopenCount: p.reopenCount };
      break;
    case 'WITHDRAW':
    case 'WITHDRAW_PARTIALLY':
      payload = { ...payload, partial: action === 'WITHDRAW_PARTIALLY' };
      break;
    case 'LINK_DUPLICATE':
      payload = { ...payload, mainCode: need(p.linkedToCode, p, 'linkedToCode') };
      break;
    case 'REGISTER_DUPLICATE':
      payload = { ...payload, submissionCount: p.submissionCount, petitionerCount: p.petitionerCount };
      break;
  }
  return { type, aggregateType: 'Petition', aggregateId: p.code, unitCode: p.unitCode, payload: { ...payload, ...extra }, occurredAt: last?.at };
}

function need<T>(value: T | undefined, p: Petition, field: string): T {
  if (value === undefined || value === null) throw new Error(`petition ${p.code}: ${field} missing for its event`);
  return value;
}

const EVENT_OF_ACTION: Record<PetitionAction, string> = {
  SUBMIT: 'petition.received',
  CLASSIFY: 'petition.classified',
  ACCEPT: 'petition.accepted',
  REFUSE: 'petition.refused',
  REFER: 'petition.referred',
  ASSIGN: 'petition.assigned',
  EXTEND: 'petition.extended',
  RESOLVE: 'petition.resolved',
  RATE: 'petition.rated',
  REOPEN: 'petition.reopened',
  APPEAL: 'petition.appealed',
  WITHDRAW: 'petition.withdrawn',
  WITHDRAW_PARTIALLY: 'petition.withdrawn',
  ESCALATE: 'petition.escalated',
  MARK_DUE_SOON: 'petition.due-soon',
  LINK_DUPLICATE: 'petition.linked',
  // a registered duplicate is announced only when it raises a flag (petition.flagged)
  REGISTER_DUPLICATE: 'petition.flagged',
  ARCHIVE: 'petition.archived',
};
