import { DomainError } from '@xaso/errors';
import { AssessmentState, StepType } from './assessment';

export class StepOutOfOrderError extends DomainError {
  constructor(step: StepType, state: AssessmentState, allowedFrom: readonly AssessmentState[]) {
    super(
      'ASSESSMENT_STEP_OUT_OF_ORDER',
      `${step} cannot be done while the assessment is ${state} (only from ${allowedFrom.join(', ')})`,
      `Không thể thực hiện ${step} khi hồ sơ đánh giá đang ở trạng thái ${state} (chỉ từ ${allowedFrom.join(', ')})`,
      'conflict',
      { step, state, allowedFrom },
    );
  }
}

export class StepNotAllowedError extends DomainError {
  constructor(step: StepType, why: string, whyVi: string) {
    super('ASSESSMENT_FORBIDDEN', `${step} is not allowed: ${why}`, `Không được phép thực hiện ${step}: ${whyVi}`, 'forbidden', { step });
  }
}

export class ReviewerFromAssessedUnitError extends DomainError {
  constructor(unitCode: string) {
    super(
      'REVIEWER_FROM_ASSESSED_UNIT',
      `A reviewer from commune ${unitCode} cannot review or recognise its own assessment`,
      `Người thẩm định thuộc xã ${unitCode} không được thẩm định, công nhận kết quả của chính xã mình`,
      'forbidden',
      { unitCode },
    );
  }
}

export class RecognitionOutsideWindowError extends DomainError {
  constructor(today: string, from: string, to: string) {
    super(
      'RECOGNITION_OUTSIDE_WINDOW',
      `Recognition is done from ${from} to ${to}, not on ${today}`,
      `Việc công nhận được thực hiện từ ${from} đến ${to}, không phải ngày ${today}`,
      'conflict',
      { today, from, to },
    );
  }
}

export class ReasonRequiredError extends DomainError {
  constructor(step: StepType) {
    super('REASON_REQUIRED', `${step} needs a reason`, `Thao tác ${step} cần nêu lý do`, 'invalid', { step });
  }
}

export class ReviewCommentRequiredError extends DomainError {
  constructor(indicatorCode: string) {
    super(
      'REVIEW_COMMENT_REQUIRED',
      `Indicator ${indicatorCode}: a reviewed score that differs from the self-assessed one needs a comment`,
      `Chỉ số ${indicatorCode}: điểm thẩm định khác điểm tự chấm phải có nhận xét`,
      'invalid',
      { indicatorCode },
    );
  }
}

export class MeasuredValuesMissingError extends DomainError {
  constructor(indicatorCodes: readonly string[]) {
    super(
      'COMPUTED_VALUES_MISSING',
      `Submission needs the measured values of ${indicatorCodes.join(', ')}`,
      `Khi nộp cần có giá trị tính tự động của ${indicatorCodes.join(', ')}`,
      'invalid',
      { indicatorCodes },
    );
  }
}

export class ScorecardMismatchError extends DomainError {
  constructor(expected: string, given: string) {
    super(
      'ASSESSMENT_SCORECARD_MISMATCH',
      `The assessment uses scorecard ${expected}, not ${given}`,
      `Hồ sơ đánh giá dùng bộ tiêu chí ${expected}, không phải ${given}`,
      'invalid',
      { expected, given },
    );
  }
}
