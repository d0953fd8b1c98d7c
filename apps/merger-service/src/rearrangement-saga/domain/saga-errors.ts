import { DomainError } from '@xaso/errors';

/** Coded, bilingual errors of the saga (mapped to GraphQL extensions.code and REST problem+json). */
export class SagaRunNotFoundError extends DomainError {
  constructor(planId: string, kind: string) {
    super('REARRANGEMENT_NOT_STARTED', `Plan ${planId} has no ${kind === 'DRY_RUN' ? 'dry run' : 'application'} yet`, `Phương án ${planId} chưa được ${kind === 'DRY_RUN' ? 'chạy thử' : 'thực hiện'}`, 'not-found', { planId, kind });
  }
}

export class PlanNotApplicableError extends DomainError {
  constructor(planId: string, status: string, expected: readonly string[]) {
    super(
      'PLAN_NOT_APPLICABLE',
      `Plan ${planId} is ${status}; this needs ${expected.join(' or ')}`,
      `Phương án ${planId} đang ở trạng thái ${status}; thao tác này cần ${expected.join(' hoặc ')}`,
      'conflict',
      { planId, status, expected: [...expected] },
    );
  }
}

export class PlanFinalError extends DomainError {
  constructor(planId: string) {
    super('PLAN_FINAL', `Plan ${planId} is applied and final: it can no longer be rolled back`, `Phương án ${planId} đã thực hiện xong, không thể hoàn tác`, 'conflict', { planId });
  }
}

export class ReviewItemNotFoundError extends DomainError {
  constructor(id: string) {
    super('REVIEW_ITEM_NOT_FOUND', `Review item ${id} not found`, `Không tìm thấy hồ sơ chờ phân loại ${id}`, 'not-found', { id });
  }
}

export class ReviewTargetNotCandidateError extends DomainError {
  constructor(id: string, target: string, candidates: readonly string[]) {
    super(
      'REVIEW_TARGET_NOT_CANDIDATE',
      `Unit ${target} is not a candidate successor for review item ${id} (candidates: ${candidates.join(', ')})`,
      `Đơn vị ${target} không phải đơn vị kế thừa có thể nhận (các đơn vị: ${candidates.join(', ')})`,
      'unprocessable',
      { id, target, candidates: [...candidates] },
    );
  }
}

export class ReviewItemClosedError extends DomainError {
  constructor(id: string, status: string) {
    super('REVIEW_ITEM_ALREADY_ASSIGNED', `Review item ${id} is already ${status}`, `Hồ sơ ${id} đã được phân về đơn vị`, 'conflict', { id, status });
  }
}

export class SagaForbiddenError extends DomainError {
  constructor(what: string) {
    super('FORBIDDEN', `You may not ${what}`, `Bạn không có quyền ${what}`, 'forbidden', { what });
  }
}

export class ReconciliationNotBalancedError extends DomainError {
  constructor(planId: string, problems: number) {
    super(
      'RECONCILIATION_NOT_BALANCED',
      `The reconciliation of plan ${planId} has ${problems} row(s) that do not balance or whose hashes differ: it cannot be signed off`,
      `Biên bản đối soát của phương án ${planId} có ${problems} dòng không khớp: chưa thể ký xác nhận`,
      'conflict',
      { planId, problems },
    );
  }
}
