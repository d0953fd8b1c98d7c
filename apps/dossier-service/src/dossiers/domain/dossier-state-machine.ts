/**
 * The dossier state machine: a table of (command → allowed source states, target state, roles)
 * plus per-command rules, applied by the pure `transition()` function.
 *
 *   (none) ──RECEIVE──▶ RECEIVED ──START_PROCESSING──▶ IN_PROCESSING ──COMPLETE──▶ PROCESSED ──RETURN──▶ RETURNED
 *                          │  └──REQUEST_SUPPLEMENT──▶ SUPPLEMENT_REQUESTED ◀─REQUEST_SUPPLEMENT─┘
 *                          │                             └──PROVIDE_SUPPLEMENT──▶ IN_PROCESSING
 *   exits: REFUSE (RECEIVED | IN_PROCESSING | SUPPLEMENT_REQUESTED → REFUSED),
 *          STOP (IN_PROCESSING | SUPPLEMENT_REQUESTED → STOPPED),
 *          WITHDRAW (RECEIVED | IN_PROCESSING | SUPPLEMENT_REQUESTED → WITHDRAWN)
 *   no state change: ISSUE_APOLOGY, TRANSFER (any non-terminal state)
 *
 * Roles (decisions recorded here; the table is data and easy to change):
 * - CITIZEN (must be the applicant): RECEIVE with channel ONLINE, PROVIDE_SUPPLEMENT, WITHDRAW.
 * - OFFICER: RECEIVE at the counter / by post (DIRECT, POSTAL), START_PROCESSING,
 *   REQUEST_SUPPLEMENT, COMPLETE, RETURN, TRANSFER, ISSUE_APOLOGY; also PROVIDE_SUPPLEMENT and
 *   WITHDRAW *on the applicant's behalf* (paper brought to the counter; a note is required for
 *   WITHDRAW).
 * - LEADER: REFUSE, STOP, ISSUE_APOLOGY (the apology letter is signed by the head of the agency).
 * - PROVINCE_OFFICER, AGENCY, ADMIN: none of the workflow.
 * Checks run in this order: ROLE_NOT_ALLOWED, INVALID_TRANSITION, NOT_APPLICANT, then the
 * command's own rules (reasons, apology dates, transfer target).
 */
import type { DeadlineCalculator } from '@xaso/calendar';
import { DossierDomainError } from './dossier-domain-error';
import { DossierStatus } from './dossier-status';
import type { Actor } from './roles';
import type { DossierCommand, DossierHistoryEntry, DossierState } from './dossier-state';
import { ACTION_VI, TRANSITION_TABLE } from './dossier-transition-table';
import { recomputeDueAt } from './dossier-deadlines';

export * from './dossier-state';
export * from './dossier-transition-table';
export * from './dossier-deadlines';

export type TransitionResult =
  | { ok: true; state: DossierState; entry: DossierHistoryEntry }
  | { ok: false; error: DossierDomainError };

const S = DossierStatus;

export interface TransitionOptions {
  /** When given, RECEIVE without `dueAt` and PROVIDE_SUPPLEMENT recompute the legal due date. */
  deadlines?: Pick<DeadlineCalculator, 'dueDateFor'>;
}

function fail(code: DossierDomainError['code'], en: string, vi: string, details?: Record<string, unknown>): TransitionResult {
  return { ok: false, error: new DossierDomainError(code, en, vi, details) };
}

function blank(s: string | undefined | null): boolean {
  return s == null || s.trim() === '';
}

/**
 * Applies a command. Pure: returns a new state (the input is not modified) and the history
 * entry to record, or a typed error.
 */
export function transition(
  state: DossierState | null,
  command: DossierCommand,
  actor: Actor,
  now: Date,
  options: TransitionOptions = {},
): TransitionResult {
  const action = command.type;
  const rule = TRANSITION_TABLE[action];
  if (!rule) {
    return fail('INVALID_COMMAND', `Unknown command ${String(action)}`, `Lệnh không hợp lệ: ${String(action)}`);
  }
  if (!rule.roles.includes(actor.role)) {
    return fail('ROLE_NOT_ALLOWED', `Role ${actor.role} may not ${action}`, `Vai trò ${actor.role} không được ${ACTION_VI[action]}`, {
      role: actor.role,
      action,
    });
  }
  const from = state ? state.status : null;
  if (!rule.from.includes(from)) {
    return fail(
      'INVALID_TRANSITION',
      from ? `Cannot ${action} a dossier that is ${from}` : `Cannot ${action}: the dossier does not exist yet`,
      from ? `Không thể ${ACTION_VI[action]} khi hồ sơ ở trạng thái ${from}` : `Không thể ${ACTION_VI[action]}: hồ sơ chưa được tiếp nhận`,
      { status: from, action },
    );
  }
  const note = command.note?.trim() ? command.note.trim() : null;
  if (rule.reasonRequired && blank(note)) {
    return fail('REASON_REQUIRED', `${action} needs a reason`, `Cần ghi rõ lý do khi ${ACTION_VI[action]}`, { action });
  }
  const entry = (to: DossierStatus, data?: Record<string, unknown>): DossierHistoryEntry => ({
    action,
    from,
    to,
    actorId: actor.id,
    actorRole: actor.role,
    at: new Date(now.getTime()),
    note,
    ...(data ? { data } : {}),
  });

  if (command.type === 'RECEIVE') {
    const d = command.dossier;
    if (actor.role === 'CITIZEN' && d.channel !== 'ONLINE') {
      return fail('ROLE_NOT_ALLOWED', 'Citizens submit online only', 'Công dân chỉ nộp hồ sơ trực tuyến', { channel: d.channel });
    }
    if (actor.role === 'OFFICER' && d.channel === 'ONLINE') {
      return fail('ROLE_NOT_ALLOWED', 'Online dossiers are submitted by the applicant', 'Hồ sơ trực tuyến do người nộp tự nộp', { channel: d.channel });
    }
    if (actor.role === 'CITIZEN' && actor.id !== d.applicantId) {
      return fail('NOT_APPLICANT', 'A citizen submits dossiers in their own name', 'Công dân chỉ được nộp hồ sơ của chính mình');
    }
    if (!Number.isInteger(d.workingDays) || d.workingDays < 0 || [d.id, d.code, d.procedureCode, d.applicantId, d.receivingUnitCode, d.competentUnitCode, d.processingUnitCode].some(blank)) {
      return fail('INVALID_COMMAND', 'Incomplete dossier data', 'Thông tin hồ sơ chưa đầy đủ');
    }
    const base: DossierState = {
      id: d.id,
      code: d.code,
      procedureCode: d.procedureCode,
      applicantId: d.applicantId,
      channel: d.channel,
      status: S.RECEIVED,
      receivingUnitCode: d.receivingUnitCode,
      competentUnitCode: d.competentUnitCode,
      processingUnitCode: d.processingUnitCode,
      receivedAt: new Date(now.getTime()),
      workingDays: d.workingDays,
      dueAt: d.dueAt ?? null,
      pauses: [],
      apology: null,
      completedAt: null,
      returnedAt: null,
    };
    if (d.dueAt === undefined && options.deadlines) base.dueAt = recomputeDueAt(base, options.deadlines);
    return { ok: true, state: base, entry: entry(S.RECEIVED) };
  }

  const current = state as DossierState;
  if (actor.role === 'CITIZEN' && actor.id !== current.applicantId) {
    return fail('NOT_APPLICANT', 'Only the applicant may do this', 'Chỉ người nộp hồ sơ mới được thực hiện thao tác này');
  }
  const next: DossierState = { ...current, pauses: current.pauses.map((p) => ({ ...p })), apology: current.apology ? { ...current.apology } : null };
  const closeOpenPause = () => {
    const last = next.pauses[next.pauses.length - 1];
    if (last && last.to == null) last.to = new Date(now.getTime());
  };

  switch (command.type) {
    case 'START_PROCESSING':
      break;
    case 'REQUEST_SUPPLEMENT':
      next.pauses.push({ from: new Date(now.getTime()) });
      break;
    case 'PROVIDE_SUPPLEMENT':
      closeOpenPause();
      if (options.deadlines) next.dueAt = recomputeDueAt(next, options.deadlines);
      break;
    case 'COMPLETE':
      next.completedAt = new Date(now.getTime());
      break;
    case 'RETURN':
      next.returnedAt = new Date(now.getTime());
      break;
    case 'REFUSE':
    case 'STOP':
      closeOpenPause();
      next.completedAt = new Date(now.getTime());
      break;
    case 'WITHDRAW':
      if (actor.role === 'OFFICER' && blank(note)) {
        return fail('REASON_REQUIRED', 'An officer recording a withdrawal must note the applicant’s request', 'Cán bộ ghi nhận rút hồ sơ phải ghi rõ yêu cầu của người nộp');
      }
      closeOpenPause();
      next.completedAt = new Date(now.getTime());
      break;
    case 'ISSUE_APOLOGY': {
      if (current.apology) {
        return fail('APOLOGY_ALREADY_ISSUED', 'An apology with a new date was already issued', 'Đã gửi thư xin lỗi và hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần');
      }
      const original = current.dueAt;
      if (!original) {
        return fail('APOLOGY_NO_DUE_DATE', 'The dossier has no due date to postpone', 'Hồ sơ chưa có ngày hẹn trả kết quả');
      }
      if (now.getTime() > original.getTime()) {
        return fail('APOLOGY_TOO_LATE', 'The apology must be issued no later than the original due date', 'Thư xin lỗi phải được gửi chậm nhất vào ngày hẹn trả kết quả', {
          dueAt: original.toISOString(),
        });
      }
      const newDueAt = command.newDueAt;
      if (!(newDueAt instanceof Date) || Number.isNaN(newDueAt.getTime()) || newDueAt.getTime() < original.getTime()) {
        return fail('APOLOGY_DATE_INVALID', 'The new appointment must not be earlier than the original due date', 'Ngày hẹn mới không được sớm hơn ngày hẹn ban đầu', {
          dueAt: original.toISOString(),
        });
      }
      next.apology = { reason: note as string, newDueAt: new Date(newDueAt.getTime()), previousDueAt: original, issuedAt: new Date(now.getTime()), issuedBy: actor.id };
      return { ok: true, state: next, entry: entry(current.status, { previousDueAt: original.toISOString(), newDueAt: newDueAt.toISOString() }) };
    }
    case 'TRANSFER': {
      const to = command.toUnitCode?.trim();
      if (!to) return fail('INVALID_COMMAND', 'The target unit is required', 'Cần chọn đơn vị nhận chuyển xử lý');
      if (to === current.processingUnitCode) {
        return fail('SAME_PROCESSING_UNIT', 'The dossier is already processed by this unit', 'Hồ sơ đang do chính đơn vị này xử lý');
      }
      next.processingUnitCode = to;
      return { ok: true, state: next, entry: entry(current.status, { fromUnitCode: current.processingUnitCode, toUnitCode: to }) };
    }
  }
  next.status = rule.to as DossierStatus;
  return { ok: true, state: next, entry: entry(next.status) };
}

/** Like {@link transition} but throws the {@link DossierDomainError}. */
export function applyTransition(
  state: DossierState | null,
  command: DossierCommand,
  actor: Actor,
  now: Date,
  options?: TransitionOptions,
): { state: DossierState; entry: DossierHistoryEntry } {
  const r = transition(state, command, actor, now, options);
  if (!r.ok) throw r.error;
  return { state: r.state, entry: r.entry };
}
