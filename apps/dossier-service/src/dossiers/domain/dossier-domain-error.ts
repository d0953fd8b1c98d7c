import { DomainError, type DomainErrorKind } from '@xaso/errors';

/**
 * Typed, framework-free domain errors of the dossier feature. They are `DomainError`s, so
 * `@xaso/api` maps them wherever they are thrown (CONFLICT → 409, FORBIDDEN → 403, VALIDATION → 422).
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

const KIND_OF_CATEGORY: Record<DossierErrorCategory, DomainErrorKind> = { CONFLICT: 'conflict', FORBIDDEN: 'forbidden', VALIDATION: 'unprocessable' };

export class DossierDomainError extends DomainError {
  declare readonly code: DossierErrorCode;
  readonly category: DossierErrorCategory;

  constructor(code: DossierErrorCode, messageEn: string, messageVi: string, details?: Record<string, unknown>) {
    super(code, messageEn, messageVi, KIND_OF_CATEGORY[CATEGORY[code]], details);
    this.category = CATEGORY[code];
  }
}
