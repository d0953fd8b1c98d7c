/** Duplicate submissions: the new one is linked, the main case counts it and raises the crowded / prolonged flags. */
import { DomainErrors } from './domain-error';
import { policyOf } from './machine-guards';
import type { Petition } from './petition.types';
import { step, type MachineContext } from './transitions';

/** The new submission duplicates `mainCode`: it is closed as LINKED instead of opening a new case. */
export function linkDuplicate(p: Petition, input: { mainCode: string; score?: number }, ctx: MachineContext): Petition {
  if (input.mainCode === p.code) throw DomainErrors.invalidInput('mainCode', 'A petition cannot be linked to itself', 'Không thể liên kết đơn với chính nó');
  const note = `linked to ${input.mainCode}${input.score !== undefined ? ` (similarity ${input.score.toFixed(2)})` : ''}`;
  return step(p, 'LINK_DUPLICATE', ctx, { linkedToCode: input.mainCode }, note);
}

/** The main case learns about a linked duplicate: counts, petitioners and the crowded / prolonged flags. */
export function registerDuplicate(
  p: Petition,
  input: { duplicateCode: string; petitionerKey?: string; petitionerCount?: number },
  ctx: MachineContext,
): Petition {
  const policy = policyOf(ctx);
  const key = input.petitionerKey;
  const newPetitioner = !!key && !p.petitionerKeys.includes(key);
  const samePetitioner = !!key && p.petitionerKeys.includes(key);
  const petitionerKeys = key && newPetitioner ? [...p.petitionerKeys, key] : p.petitionerKeys;
  const petitionerCount = samePetitioner ? p.petitionerCount : p.petitionerCount + Math.max(1, input.petitionerCount ?? 1);
  const submissionCount = p.submissionCount + 1;
  const flags = {
    crowded: p.flags.crowded || petitionerCount >= policy.crowdedThreshold,
    prolonged: p.flags.prolonged || submissionCount >= policy.prolongedThreshold,
  };
  const raised = [flags.crowded && !p.flags.crowded ? 'CROWDED (đông người)' : '', flags.prolonged && !p.flags.prolonged ? 'PROLONGED (kéo dài)' : '']
    .filter(Boolean)
    .join(', ');
  return step(p, 'REGISTER_DUPLICATE', ctx, { petitionerKeys, petitionerCount, submissionCount, flags }, `duplicate ${input.duplicateCode}${raised ? `; flagged ${raised}` : ''}`);
}

/** Flags newly raised by a change (for notifying leaders). */
export function raisedFlags(before: Petition, after: Petition): Array<'CROWDED' | 'PROLONGED'> {
  const out: Array<'CROWDED' | 'PROLONGED'> = [];
  if (after.flags.crowded && !before.flags.crowded) out.push('CROWDED');
  if (after.flags.prolonged && !before.flags.prolonged) out.push('PROLONGED');
  return out;
}

