import { DomainError } from '@xaso/errors';

/** One thing wrong with a scorecard, coded and in both languages, with where it is. */
export interface ScorecardIssue {
  readonly code: ScorecardIssueCode;
  readonly path: string;
  readonly messageEn: string;
  readonly messageVi: string;
}

export type ScorecardIssueCode =
  | 'SCORECARD_VERSION_INVALID'
  | 'SCORECARD_VALID_YEARS_INVALID'
  | 'SCORECARD_EMPTY'
  | 'SCORECARD_TOTAL_MISMATCH'
  | 'SCORECARD_GROUP_POINTS_MISMATCH'
  | 'SCORECARD_CRITERION_POINTS_MISMATCH'
  | 'SCORECARD_DUPLICATE_CODE'
  | 'SCORECARD_POINTS_OUT_OF_RANGE'
  | 'SCORECARD_WEIGHT_OUT_OF_RANGE'
  | 'SCORECARD_CURVE_INVALID'
  | 'SCORECARD_PERIOD_INVALID'
  | 'SCORECARD_METRIC_MISSING'
  | 'SCORECARD_BANDS_EMPTY'
  | 'SCORECARD_BAND_RANGE_INVALID'
  | 'SCORECARD_BANDS_OVERLAP'
  | 'SCORECARD_BANDS_GAP'
  | 'SCORECARD_BANDS_TOP_NOT_TOTAL'
  | 'SCORECARD_BAND_RANK_ORDER';

/**
 * A scorecard that cannot be published. The code is the first issue's code (what a client
 * usually shows); `details.issues` lists every issue found.
 */
export class InvalidScorecardError extends DomainError {
  constructor(readonly issues: readonly ScorecardIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1})` : '';
    super(first.code, `${first.messageEn}${more}`, `${first.messageVi}${more}`, 'invalid', { issues });
  }
}

export class ScorecardVersionFrozenError extends DomainError {
  constructor(code: string, version: number) {
    super(
      'SCORECARD_VERSION_FROZEN',
      `Scorecard ${code} version ${version} is used by an evaluation cycle and can no longer change; publish it as a new version`,
      `Bộ tiêu chí ${code} phiên bản ${version} đã được dùng trong một kỳ đánh giá, không thể sửa; hãy ban hành phiên bản mới`,
      'conflict',
      { code, version },
    );
  }
}

export class ScorecardVersionNotNextError extends DomainError {
  constructor(code: string, version: number, expected: number) {
    super(
      'SCORECARD_VERSION_NOT_NEXT',
      `Scorecard ${code}: the next version is ${expected}, not ${version}`,
      `Bộ tiêu chí ${code}: phiên bản tiếp theo phải là ${expected}, không phải ${version}`,
      'conflict',
      { code, version, expected },
    );
  }
}

export class ScorecardNotValidForYearError extends DomainError {
  constructor(code: string, version: number, year: number) {
    super(
      'SCORECARD_NOT_VALID_FOR_YEAR',
      `Scorecard ${code} version ${version} does not apply to ${year}`,
      `Bộ tiêu chí ${code} phiên bản ${version} không áp dụng cho năm ${year}`,
      'invalid',
      { code, version, year },
    );
  }
}
