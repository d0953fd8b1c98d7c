/** Recommendations and feedback only: the petitioner rates the outcome or re-opens the case within the window. */
import { DomainErrors } from './domain-error';
import { resolutionDue } from './deadlines';
import { addDays, toLocalDate } from '@xaso/calendar';
import { addDaysOf, assertPetitioner, policyOf, requireText } from './machine-guards';
import type { Petition } from './petition.types';
import { checkRule, step, type MachineContext } from './transitions';

export function rate(p: Petition, input: { score: number; comment?: string }, ctx: MachineContext): Petition {
  checkRule(p, 'RATE', ctx.actor.role);
  assertPetitioner(p, ctx);
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw DomainErrors.invalidInput('score', 'The rating is an integer from 1 to 5', 'Điểm đánh giá là số nguyên từ 1 đến 5');
  }
  if (p.rating && p.resolvedAt && p.rating.at >= p.resolvedAt) throw DomainErrors.alreadyRated();
  return step(p, 'RATE', ctx, { rating: { score: input.score, comment: input.comment?.trim() || undefined, at: ctx.at } }, `score ${input.score}`);
}

export function reopen(p: Petition, input: { reason: string }, ctx: MachineContext): Petition {
  const reason = requireText(input.reason, 'REOPEN');
  checkRule(p, 'REOPEN', ctx.actor.role);
  assertPetitioner(p, ctx);
  const policy = policyOf(ctx);
  const last = addDays(toLocalDate(p.resolvedAt ?? ctx.at), policy.reopenWindowDays);
  if (toLocalDate(ctx.at) > last) throw DomainErrors.windowClosed('REOPEN', last);
  const due = resolutionDue(
    ctx.at,
    { kind: p.kind, attempt: p.attempt, complexity: p.complexity, remoteArea: p.remoteArea, extensionsUsed: 0 },
    policy,
    addDaysOf(ctx),
  );
  return step(
    p,
    'REOPEN',
    ctx,
    { reopenCount: p.reopenCount + 1, resolutionDue: due, extensionsUsed: 0, resolvedAt: undefined, conclusion: undefined },
    reason,
  );
}

