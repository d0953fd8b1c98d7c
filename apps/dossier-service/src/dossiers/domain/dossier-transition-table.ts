import { DossierStatus } from './dossier-status';
import type { ActorRole } from './roles';
import { ALL_DOSSIER_ACTIONS, type DossierAction } from './dossier-state';

/** The transition table: for each command the allowed source states, the target state and the roles (data, easy to change). */
export interface TransitionRule {
  /** Allowed source states; `null` = no dossier yet. */
  from: readonly (DossierStatus | null)[];
  /** Target state; 'SAME' = no state change. */
  to: DossierStatus | 'SAME';
  roles: readonly ActorRole[];
  /** A note (reason) is required. */
  reasonRequired?: boolean;
}

const S = DossierStatus;
const OPEN: readonly DossierStatus[] = [S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED];
const NON_TERMINAL: readonly DossierStatus[] = [...OPEN, S.PROCESSED];

export const TRANSITION_TABLE: Readonly<Record<DossierAction, TransitionRule>> = {
  RECEIVE: { from: [null], to: S.RECEIVED, roles: ['CITIZEN', 'OFFICER'] },
  START_PROCESSING: { from: [S.RECEIVED], to: S.IN_PROCESSING, roles: ['OFFICER'] },
  REQUEST_SUPPLEMENT: { from: [S.RECEIVED, S.IN_PROCESSING], to: S.SUPPLEMENT_REQUESTED, roles: ['OFFICER'], reasonRequired: true },
  PROVIDE_SUPPLEMENT: { from: [S.SUPPLEMENT_REQUESTED], to: S.IN_PROCESSING, roles: ['CITIZEN', 'OFFICER'] },
  COMPLETE: { from: [S.IN_PROCESSING], to: S.PROCESSED, roles: ['OFFICER'] },
  RETURN: { from: [S.PROCESSED], to: S.RETURNED, roles: ['OFFICER'] },
  REFUSE: { from: OPEN, to: S.REFUSED, roles: ['LEADER'], reasonRequired: true },
  STOP: { from: [S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED], to: S.STOPPED, roles: ['LEADER'], reasonRequired: true },
  WITHDRAW: { from: OPEN, to: S.WITHDRAWN, roles: ['CITIZEN', 'OFFICER'] },
  ISSUE_APOLOGY: { from: NON_TERMINAL, to: 'SAME', roles: ['OFFICER', 'LEADER'], reasonRequired: true },
  TRANSFER: { from: NON_TERMINAL, to: 'SAME', roles: ['OFFICER'] },
};

export const ACTION_VI: Record<DossierAction, string> = {
  RECEIVE: 'tiếp nhận hồ sơ',
  START_PROCESSING: 'bắt đầu xử lý',
  REQUEST_SUPPLEMENT: 'yêu cầu bổ sung',
  PROVIDE_SUPPLEMENT: 'bổ sung hồ sơ',
  COMPLETE: 'hoàn thành xử lý',
  RETURN: 'trả kết quả',
  REFUSE: 'từ chối giải quyết',
  STOP: 'dừng xử lý',
  WITHDRAW: 'rút hồ sơ',
  ISSUE_APOLOGY: 'gửi thư xin lỗi và hẹn lại ngày trả kết quả',
  TRANSFER: 'chuyển xử lý',
};

/**
 * Actions this actor may attempt in this state by role and status alone (for UIs: which buttons
 * to show). Command-specific rules (reasons, apology dates, applicant identity) are checked by
 * `transition`.
 */
export function allowedActions(status: DossierStatus | null, role: ActorRole): DossierAction[] {
  return ALL_DOSSIER_ACTIONS.filter((a) => TRANSITION_TABLE[a].roles.includes(role) && TRANSITION_TABLE[a].from.includes(status));
}
