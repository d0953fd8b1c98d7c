/** Complaints only: the second-time complaint to the next level. */
import { DomainErrors } from './domain-error';
import { addDays, toLocalDate } from '@xaso/calendar';
import { assertPetitioner, policyOf, requireText } from './machine-guards';
import type { SubmitInput } from './intake';
import type { Petition, PetitionChannel } from './petition.types';
import { checkRule, step, type MachineContext } from './transitions';

/**
 * Second-time complaint to the next level [Law on Complaints 2011 Art. 33]: within 30 days
 * (remote areas 45) of the first-time decision, or of the end of the resolution time limit
 * when no decision was made. Returns the closed first-time case; the caller opens the
 * second-time case at the next level with `secondTimeComplaintInput`.
 */
export function appeal(p: Petition, input: { reason: string }, ctx: MachineContext): Petition {
  const reason = requireText(input.reason, 'APPEAL');
  checkRule(p, 'APPEAL', ctx.actor.role);
  assertPetitioner(p, ctx);
  if (p.attempt !== 1) throw DomainErrors.secondTimeNotAllowed();
  const policy = policyOf(ctx);
  const windowDays = p.remoteArea ? policy.appealWindowDaysRemote : policy.appealWindowDays;
  const today = toLocalDate(ctx.at);
  let start: string;
  if (p.status === 'RESOLVED') {
    start = toLocalDate(p.resolvedAt ?? ctx.at);
  } else {
    if (!p.resolutionDue || today <= p.resolutionDue) throw DomainErrors.notOverdueYet();
    start = p.resolutionDue;
  }
  const last = addDays(start, windowDays);
  if (today > last) throw DomainErrors.windowClosed('APPEAL', last);
  return step(p, 'APPEAL', ctx, {}, reason);
}

/** Intake input for the second-time complaint opened at the next level. */
export function secondTimeComplaintInput(
  first: Petition,
  next: { code: string; unitCode: string; channel: PetitionChannel; content?: string; routedFrom?: SubmitInput['routedFrom'] },
): SubmitInput {
  if (first.kind !== 'COMPLAINT' || first.attempt !== 1 || first.status !== 'APPEALED') throw DomainErrors.secondTimeNotAllowed();
  return {
    code: next.code,
    unitCode: next.unitCode,
    kind: 'COMPLAINT',
    channel: next.channel,
    title: first.title,
    content: next.content?.trim() || first.content,
    category: first.category,
    identified: true,
    petitionerKey: first.petitionerKey,
    petitionerUserId: first.petitionerUserId,
    petitionerCount: first.petitionerCount,
    remoteArea: first.remoteArea,
    attempt: 2,
    parentCode: first.code,
    routedFrom: next.routedFrom,
  };
}
