/** Withdrawal by the petitioner (or staff on their behalf), full or of some matters, before the outcome. */
import { DomainErrors } from './domain-error';
import { assertPetitioner } from './machine-guards';
import type { Petition } from './petition.types';
import { checkRule, step, type MachineContext } from './transitions';

export function withdraw(p: Petition, input: { reason?: string }, ctx: MachineContext): Petition {
  checkRule(p, 'WITHDRAW', ctx.actor.role);
  assertPetitioner(p, ctx);
  return step(p, 'WITHDRAW', ctx, { withdrawnAt: ctx.at }, input.reason?.trim());
}

/** Withdraws some of the matters raised; the rest continues. */
export function withdrawPartially(p: Petition, input: { items: string[]; reason?: string }, ctx: MachineContext): Petition {
  const items = (input.items ?? []).map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) {
    throw DomainErrors.invalidInput('items', 'List the matters being withdrawn', 'Phải liệt kê nội dung rút đơn');
  }
  checkRule(p, 'WITHDRAW_PARTIALLY', ctx.actor.role);
  assertPetitioner(p, ctx);
  const withdrawnItems = [...p.withdrawnItems, ...items.filter((i) => !p.withdrawnItems.includes(i))];
  return step(p, 'WITHDRAW_PARTIALLY', ctx, { withdrawnItems }, [items.join('; '), input.reason?.trim()].filter(Boolean).join(' — '));
}

