/**
 * The core of the petition state machine: the transition table (which action from which status,
 * for which roles and kinds) and `step`, which every step function uses to append one history entry
 * `{action, from, to, actorId, actorRole, at, note}` to a new petition (never mutating).
 *
 * received → classified → accepted (thụ lý) | refused | referred (chuyển đơn)
 *   → assigned → (extended) → resolved → rated / re-opened (feedback, recommendation)
 *                                      → appealed (second-time complaint)
 * withdrawal (full or partial) at any time before the outcome; escalation when overdue.
 */
import { DomainErrors } from './domain-error';
import type { AddDaysPort, PetitionPolicy } from './deadlines';
import type { Actor, ActorRole, HistoryEntry, Petition, PetitionAction, PetitionKind, PetitionStatus } from './petition.types';

export interface TransitionRule {
  from: readonly PetitionStatus[] | null;
  /** `'SAME'`: the action is recorded but the status does not change. */
  to: PetitionStatus | 'SAME';
  roles: readonly ActorRole[];
  /** Stricter roles for some kinds (e.g. only a leader decides a complaint). */
  rolesByKind?: Partial<Record<PetitionKind, readonly ActorRole[]>>;
  /** Kinds the action applies to (all when absent). */
  kinds?: readonly PetitionKind[];
}

const OPEN: readonly PetitionStatus[] = ['RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'ASSIGNED', 'REOPENED'];
const HANDLED_KINDS: readonly PetitionKind[] = ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'];
const LEADER_DECIDES = { COMPLAINT: ['LEADER'], DENUNCIATION: ['LEADER'] } as const;

/** The transition table: which action is allowed from which status, for which roles and kinds. */
export const TRANSITIONS: Readonly<Record<PetitionAction, TransitionRule>> = Object.freeze({
  SUBMIT: { from: null, to: 'RECEIVED', roles: ['CITIZEN', 'OFFICER', 'LEADER', 'AGENCY'] },
  CLASSIFY: { from: ['RECEIVED', 'CLASSIFIED'], to: 'CLASSIFIED', roles: ['OFFICER', 'LEADER'] },
  ACCEPT: { from: ['CLASSIFIED'], to: 'ACCEPTED', roles: ['OFFICER', 'LEADER'], rolesByKind: LEADER_DECIDES, kinds: HANDLED_KINDS },
  REFUSE: { from: ['RECEIVED', 'CLASSIFIED'], to: 'REFUSED', roles: ['OFFICER', 'LEADER'], rolesByKind: LEADER_DECIDES, kinds: HANDLED_KINDS },
  REFER: { from: ['RECEIVED', 'CLASSIFIED'], to: 'REFERRED', roles: ['OFFICER', 'LEADER'] },
  ASSIGN: { from: ['ACCEPTED', 'ASSIGNED', 'REOPENED'], to: 'ASSIGNED', roles: ['LEADER'], kinds: HANDLED_KINDS },
  EXTEND: { from: ['ACCEPTED', 'ASSIGNED', 'REOPENED'], to: 'SAME', roles: ['LEADER'], kinds: HANDLED_KINDS },
  RESOLVE: { from: ['ASSIGNED'], to: 'RESOLVED', roles: ['OFFICER', 'LEADER'], rolesByKind: LEADER_DECIDES, kinds: HANDLED_KINDS },
  RATE: { from: ['RESOLVED'], to: 'SAME', roles: ['CITIZEN'], kinds: ['RECOMMENDATION', 'FEEDBACK'] },
  REOPEN: { from: ['RESOLVED'], to: 'REOPENED', roles: ['CITIZEN'], kinds: ['RECOMMENDATION', 'FEEDBACK'] },
  APPEAL: { from: ['RESOLVED', 'ACCEPTED', 'ASSIGNED'], to: 'APPEALED', roles: ['CITIZEN', 'OFFICER'], kinds: ['COMPLAINT'] },
  WITHDRAW: { from: OPEN, to: 'WITHDRAWN', roles: ['CITIZEN', 'OFFICER', 'LEADER'] },
  WITHDRAW_PARTIALLY: { from: OPEN, to: 'SAME', roles: ['CITIZEN', 'OFFICER', 'LEADER'] },
  ESCALATE: { from: OPEN, to: 'SAME', roles: ['SYSTEM', 'LEADER'] },
  MARK_DUE_SOON: { from: OPEN, to: 'SAME', roles: ['SYSTEM'] },
  LINK_DUPLICATE: { from: ['RECEIVED'], to: 'LINKED', roles: ['SYSTEM', 'OFFICER', 'LEADER'] },
  REGISTER_DUPLICATE: { from: [...OPEN, 'RESOLVED'], to: 'SAME', roles: ['SYSTEM', 'OFFICER', 'LEADER'] },
  ARCHIVE: { from: ['RECEIVED', 'CLASSIFIED'], to: 'ARCHIVED', roles: ['OFFICER', 'LEADER'], kinds: ['INFORMATION'] },
} satisfies Record<PetitionAction, TransitionRule>);

export interface MachineContext {
  actor: Actor;
  at: Date;
  policy?: PetitionPolicy;
  addDays?: AddDaysPort;
  /** The application verified that a CITIZEN actor is the petitioner (tracking secret). */
  petitionerVerified?: boolean;
}

/** Actions the actor may attempt now (status, kind and role; not the per-action guards). */
export function availableActions(p: Petition, role: ActorRole): PetitionAction[] {
  return (Object.keys(TRANSITIONS) as PetitionAction[]).filter((action) => {
    if (action === 'SUBMIT') return false;
    try {
      checkRule(p, action, role);
      return true;
    } catch {
      return false;
    }
  });
}

export function checkRule(p: Petition, action: PetitionAction, role: ActorRole): PetitionStatus {
  const rule = TRANSITIONS[action];
  if (rule.kinds && !rule.kinds.includes(p.kind)) throw DomainErrors.kindNotAllowed(action, p.kind);
  if (!rule.from || !rule.from.includes(p.status)) throw DomainErrors.transitionNotAllowed(action, p.status);
  const roles = rule.rolesByKind?.[p.kind] ?? rule.roles;
  if (!roles.includes(role)) throw DomainErrors.roleNotAllowed(action, role);
  return rule.to === 'SAME' ? p.status : rule.to;
}

export function step(p: Petition, action: PetitionAction, ctx: MachineContext, changes: Partial<Petition>, note?: string): Petition {
  const to = checkRule(p, action, ctx.actor.role);
  const entry: HistoryEntry = { action, from: p.status, to, actorId: ctx.actor.id, actorRole: ctx.actor.role, at: ctx.at };
  if (note !== undefined && note !== '') entry.note = note;
  return { ...p, ...changes, status: to, history: [...p.history, entry] };
}

