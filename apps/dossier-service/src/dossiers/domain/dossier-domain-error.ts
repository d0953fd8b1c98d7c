/**
 * Typed, framework-free domain errors. The application layer maps them to `AppError`
 * (`category` says which: CONFLICT → 409, FORBIDDEN → 403, VALIDATION → 400/422).
 */
export type DossierErrorCode =
  | 'INVALID_TRANSITION'
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_APPLICANT'
  | 'REASON_REQUIRED'
  | 'APOLOGY_ALREADY_ISSUED'
  | 'APOLOGY_TOO_LATE'
  | 'APOLOGY_DATE_INVALID'
  | 'APOLOGY_NO_DUE_DATE'
  | 'SAME_PROCESSING_UNIT'
  | 'INVALID_COMMAND'
  | 'INVALID_DOSSIER_CODE'
  | 'DAILY_SEQUENCE_EXHAUSTED'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_STATISTICS_INPUT';

export type DossierErrorCategory = 'CONFLICT' | 'FORBIDDEN' | 'VALIDATION';

const CATEGORY: Record<DossierErrorCode, DossierErrorCategory> = {
  INVALID_TRANSITION: 'CONFLICT',
  ROLE_NOT_ALLOWED: 'FORBIDDEN',
  NOT_APPLICANT: 'FORBIDDEN',
  REASON_REQUIRED: 'VALIDATION',
  APOLOGY_ALREADY_ISSUED: 'CONFLICT',
  APOLOGY_TOO_LATE: 'CONFLICT',
  APOLOGY_DATE_INVALID: 'VALIDATION',
  APOLOGY_NO_DUE_DATE: 'CONFLICT',
  SAME_PROCESSING_UNIT: 'VALIDATION',
  INVALID_COMMAND: 'VALIDATION',
  INVALID_DOSSIER_CODE: 'VALIDATION',
  DAILY_SEQUENCE_EXHAUSTED: 'CONFLICT',
  INVALID_ID_NUMBER: 'VALIDATION',
  INVALID_STATISTICS_INPUT: 'VALIDATION',
};

export class DossierDomainError extends Error {
  readonly category: DossierErrorCategory;

  constructor(
    readonly code: DossierErrorCode,
    readonly messageEn: string,
    readonly messageVi: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
    this.name = 'DossierDomainError';
    this.category = CATEGORY[code];
  }
}
