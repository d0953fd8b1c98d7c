import type { Poll } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

/** Who asks, as the token says (role names as in @xaso/auth; domain code does not import it). */
export interface PollActor {
  readonly roles: readonly string[];
  readonly unitCode?: string | null;
}

export type PollAction = 'create' | 'update' | 'importRoll' | 'open' | 'close' | 'cancel' | 'recordPaper' | 'certify' | 'replaceRepresentative' | 'viewRollChanges';

/** Officers of the commune run the poll; the commune chairperson (LEADER) certifies it [issue 10]. */
export const ROLES_OF_ACTION: Readonly<Record<PollAction, readonly string[]>> = {
  create: ['OFFICER'],
  update: ['OFFICER'],
  importRoll: ['OFFICER'],
  open: ['OFFICER'],
  close: ['OFFICER'],
  cancel: ['OFFICER'],
  recordPaper: ['OFFICER'],
  certify: ['LEADER'],
  replaceRepresentative: ['OFFICER'],
  viewRollChanges: ['OFFICER', 'LEADER'],
};

/** Refuses an actor without the role for the action, or from another commune than the poll's. */
export function assertMay(actor: PollActor, action: PollAction, poll: Pick<Poll, 'unitCode'>): void {
  const allowed = ROLES_OF_ACTION[action];
  if (!actor || !actor.roles.some((role) => allowed.includes(role))) {
    throw new VotingDomainError('ROLE_NOT_ALLOWED', `Only ${allowed.join(' or ')} may ${action} a poll`, `Chỉ ${allowed.join(' hoặc ')} được thực hiện thao tác "${action}" với cuộc biểu quyết`, { action, allowed });
  }
  if (!actor.unitCode || actor.unitCode !== poll.unitCode) {
    throw new VotingDomainError('OUT_OF_UNIT_SCOPE', `Poll of commune ${poll.unitCode} is outside your scope`, `Cuộc biểu quyết của xã ${poll.unitCode} nằm ngoài phạm vi quản lý của bạn`, { unitCode: poll.unitCode });
  }
}
