import { DomainError, type DomainErrorKind } from '@xaso/errors';

/** Errors of the hand-over of dossiers from the old district and commune systems (issue 12). */
export type LegacyHandoverErrorCode = 'LEGACY_IMPORT_INVALID' | 'LEGACY_IMPORT_EMPTY' | 'LEGACY_IMPORT_TOO_LARGE' | 'LEGACY_IMPORT_FORBIDDEN';

const KIND: Record<LegacyHandoverErrorCode, DomainErrorKind> = {
  LEGACY_IMPORT_INVALID: 'unprocessable',
  LEGACY_IMPORT_EMPTY: 'invalid',
  LEGACY_IMPORT_TOO_LARGE: 'too-large',
  LEGACY_IMPORT_FORBIDDEN: 'forbidden',
};

export class LegacyHandoverError extends DomainError {
  constructor(code: LegacyHandoverErrorCode, messageEn: string, messageVi: string, details?: Record<string, unknown>) {
    super(code, messageEn, messageVi, KIND[code], details);
  }
}

/** What is wrong with one row: its 1-based number among the data rows, the field, a code and the message in both languages. */
export interface LegacyRowError {
  row: number;
  field: string;
  code: string;
  messageEn: string;
  messageVi: string;
}
