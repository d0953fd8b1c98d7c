/** The rearrangement feature's coded, bilingual errors (shown as GraphQL extensions.code and REST problem+json). */
import { DomainError } from '@xaso/errors';
import type { PlanStatus } from './plan';
import type { PlanProblem } from './plan-problems';

export class PlanTransitionError extends DomainError {
  constructor(from: PlanStatus, to: PlanStatus) {
    super(
      'PLAN_TRANSITION_NOT_ALLOWED',
      `A plan in state ${from} cannot become ${to}`,
      `Phương án ở trạng thái ${from} không thể chuyển sang ${to}`,
      'conflict',
      { from, to },
    );
  }
}

/** Compare-and-set lost: someone else changed the plan's state first. */
export class PlanStateChangedError extends DomainError {
  constructor(id: string, expected: PlanStatus, actual: PlanStatus | null) {
    super(
      'PLAN_STATE_CHANGED',
      `Plan ${id} is no longer ${expected} (now ${actual ?? 'missing'})`,
      `Phương án ${id} không còn ở trạng thái ${expected} (hiện là ${actual ?? 'không tồn tại'})`,
      'conflict',
      { id, expected, actual },
    );
  }
}

export class PlanNotFoundError extends DomainError {
  constructor(id: string) {
    super('PLAN_NOT_FOUND', `Rearrangement plan ${id} not found`, `Không tìm thấy phương án sắp xếp ${id}`, 'not-found', { id });
  }
}

export class PlanNotEditableError extends DomainError {
  constructor(id: string, status: PlanStatus) {
    super(
      'PLAN_NOT_EDITABLE',
      `Plan ${id} is ${status}: its entries can no longer change`,
      `Phương án ${id} đang ở trạng thái ${status}: không thể sửa các mục`,
      'conflict',
      { id, status },
    );
  }
}

/** A malformed entry or plan field (missing fields for its kind, bad code, bad type). */
export class InvalidPlanEntryError extends DomainError {
  constructor(messageEn: string, messageVi: string, details: Record<string, unknown> = {}) {
    super('INVALID_PLAN_ENTRY', messageEn, messageVi, 'invalid', details);
  }
}

/** At most this many problems travel in an error's details (the count says how many there were). */
export const MAX_REPORTED_PROBLEMS = 200;

/** Validation found problems: every one is listed (up to MAX_REPORTED_PROBLEMS) with its own code. */
export class PlanInvalidError extends DomainError {
  constructor(id: string, problems: PlanProblem[]) {
    const first = problems[0];
    super(
      'PLAN_INVALID',
      `Plan ${id} has ${problems.length} problem(s); first: ${first?.messageEn ?? '-'}`,
      `Phương án ${id} có ${problems.length} lỗi; lỗi đầu: ${first?.messageVi ?? '-'}`,
      'unprocessable',
      { id, count: problems.length, codes: [...new Set(problems.map((p) => p.code))], problems: problems.slice(0, MAX_REPORTED_PROBLEMS) },
    );
  }
}

/** One entry added to a plan breaks a rule on its own (the problem's code is the error's code). */
export class PlanEntryRejectedError extends DomainError {
  constructor(problem: PlanProblem, all: PlanProblem[]) {
    super(problem.code, problem.messageEn, problem.messageVi, 'unprocessable', {
      ...problem,
      problems: all.slice(0, MAX_REPORTED_PROBLEMS),
    });
  }
}

/** Only ADMIN, and province staff for their own province's plans, manage plans. */
export class PlanForbiddenError extends DomainError {
  constructor(provinceCode: string | null) {
    super(
      'PLAN_FORBIDDEN',
      provinceCode ? `Only an administrator or the staff of province ${provinceCode} may manage this plan` : 'Only an administrator may manage a national plan',
      provinceCode ? `Chỉ quản trị viên hoặc cán bộ tỉnh ${provinceCode} được quản lý phương án này` : 'Chỉ quản trị viên được quản lý phương án toàn quốc',
      'forbidden',
      { provinceCode },
    );
  }
}
