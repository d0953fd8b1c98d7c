/** The scheduler's steps on a running deadline: due-soon notice and escalation to the chairperson. */
import { DomainErrors } from './domain-error';
import { markDeadline } from './deadlines';
import { policyOf } from './machine-guards';
import type { Petition } from './petition.types';
import { checkRule, step, type MachineContext } from './transitions';

/** Escalates an overdue case to the commune chairperson (once per due date). */
export function escalate(p: Petition, ctx: MachineContext): Petition {
  checkRule(p, 'ESCALATE', ctx.actor.role);
  const mark = markDeadline(p, ctx.at, policyOf(ctx));
  if (!mark || !mark.needsEscalation) throw DomainErrors.notOverdueYet();
  return step(p, 'ESCALATE', ctx, { escalatedAt: ctx.at, escalatedDue: mark.due }, `${mark.stage.toLowerCase()} due ${mark.due} passed`);
}

/** Marks the running deadline as due soon (once per due date); the handler and the leader are reminded. */
export function markDueSoon(p: Petition, ctx: MachineContext): Petition {
  checkRule(p, 'MARK_DUE_SOON', ctx.actor.role);
  const mark = markDeadline(p, ctx.at, policyOf(ctx));
  if (!mark || !mark.needsDueSoonNotice) throw DomainErrors.notDueSoon();
  return step(p, 'MARK_DUE_SOON', ctx, { dueSoonDue: mark.due }, `${mark.stage.toLowerCase()} due ${mark.due}`);
}

