import { DomainError, type DomainErrorKind } from '@xaso/errors';

/** Every code the polls domain throws, with the kind each transport maps it by. */
const KIND_OF_CODE = {
  INVALID_POLL: 'unprocessable',
  INVALID_TRANSITION: 'conflict',
  POLL_NOT_EDITABLE: 'conflict',
  POLL_NOT_DUE: 'conflict',
  POLL_NOT_OPEN: 'conflict',
  CHANNEL_NOT_OFFERED: 'unprocessable',
  RESULTS_HIDDEN: 'forbidden',
  RESULTS_NOT_CERTIFIED: 'unauthenticated',
  REASON_REQUIRED: 'unprocessable',
  ROLE_NOT_ALLOWED: 'forbidden',
  OUT_OF_UNIT_SCOPE: 'forbidden',
  ROLL_EMPTY: 'unprocessable',
  ROLL_INVALID: 'unprocessable',
  ROLL_FROZEN: 'conflict',
  ROLL_ENTRY_NOT_FOUND: 'not-found',
  REPRESENTATIVE_ALREADY_PARTICIPATED: 'conflict',
  INVALID_TALLY_INPUT: 'unprocessable',
  UNKNOWN_OPTION: 'unprocessable',
  INVALID_NONCE: 'invalid',
  RECEIPT_NOT_FOUND: 'not-found',
  POLL_NOT_FOUND: 'not-found',
  NOT_ON_ROLL: 'forbidden',
  ALREADY_VOTED: 'conflict',
  VILLAGE_NOT_IN_COMMUNE: 'unprocessable',
  BALLOT_SEAL_BROKEN: 'unavailable',
} as const satisfies Record<string, DomainErrorKind>;

export type VotingErrorCode = keyof typeof KIND_OF_CODE;

/** Framework-free errors of the polls feature: `@xaso/api` shows them coded and bilingual wherever thrown. */
export class VotingDomainError extends DomainError {
  declare readonly code: VotingErrorCode;

  constructor(code: VotingErrorCode, messageEn: string, messageVi: string, details?: Record<string, unknown>) {
    super(code, messageEn, messageVi, KIND_OF_CODE[code], details);
  }
}
