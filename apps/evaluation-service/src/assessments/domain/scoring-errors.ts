import { DomainError } from '@xaso/errors';

export class ScoreOutOfRangeError extends DomainError {
  constructor(indicatorCode: string, points: number, maxPoints: number) {
    super(
      points > maxPoints ? 'SCORE_ABOVE_MAXIMUM' : 'SCORE_OUT_OF_RANGE',
      `Indicator ${indicatorCode}: ${points} points is outside 0–${maxPoints} (at most 2 decimals)`,
      `Chỉ số ${indicatorCode}: ${points} điểm nằm ngoài khoảng 0–${maxPoints} (tối đa 2 chữ số thập phân)`,
      'invalid',
      { indicatorCode, points, maxPoints },
    );
  }
}

export class EvidenceRequiredError extends DomainError {
  constructor(indicatorCode: string) {
    super(
      'EVIDENCE_REQUIRED',
      `Indicator ${indicatorCode} needs evidence (a document reference or an attachment) for its score`,
      `Chỉ số ${indicatorCode} cần minh chứng (số hiệu văn bản hoặc tệp đính kèm) cho điểm tự chấm`,
      'invalid',
      { indicatorCode },
    );
  }
}

export class ManualScoreNotAllowedError extends DomainError {
  constructor(indicatorCode: string) {
    super(
      'MANUAL_SCORE_NOT_ALLOWED',
      `Indicator ${indicatorCode} is computed from operational data and takes no manual score`,
      `Chỉ số ${indicatorCode} được tính tự động từ dữ liệu nghiệp vụ, không tự chấm`,
      'invalid',
      { indicatorCode },
    );
  }
}

export class UnknownIndicatorError extends DomainError {
  constructor(indicatorCode: string, scorecardCode: string) {
    super(
      'UNKNOWN_INDICATOR',
      `Scorecard ${scorecardCode} has no indicator ${indicatorCode}`,
      `Bộ tiêu chí ${scorecardCode} không có chỉ số ${indicatorCode}`,
      'invalid',
      { indicatorCode, scorecardCode },
    );
  }
}
