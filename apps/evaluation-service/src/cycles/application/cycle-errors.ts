import { DomainError } from '@xaso/errors';

export class CycleNotFoundError extends DomainError {
  constructor(id: string) {
    super('CYCLE_NOT_FOUND', `Evaluation cycle ${id} does not exist`, `Không có kỳ đánh giá ${id}`, 'not-found', { id });
  }
}

export class CycleAlreadyOpenError extends DomainError {
  constructor(provinceCode: string, year: number, scorecardCode: string) {
    super('CYCLE_ALREADY_OPEN', `Province ${provinceCode} already has a ${year} cycle of ${scorecardCode}`, `Tỉnh ${provinceCode} đã mở kỳ đánh giá ${year} theo ${scorecardCode}`, 'conflict', { provinceCode, year, scorecardCode });
  }
}

export class CycleScopeError extends DomainError {
  constructor(why: string, whyVi: string, details: Record<string, unknown>) {
    super('CYCLE_SCOPE_INVALID', `Cannot open the cycle: ${why}`, `Không mở được kỳ đánh giá: ${whyVi}`, 'invalid', details);
  }
}
