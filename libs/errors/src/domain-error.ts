/**
 * What kind of failure an error is, in terms a caller can act on. Each transport maps a kind
 * once (GraphQL `extensions.code` keeps the error's own code; REST takes the status below).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'unsupported-media-type'
  | 'unprocessable'
  | 'unavailable';

/** The HTTP status that means each kind (RFC 9110); plain numbers, so domain code stays framework-free. */
export const HTTP_STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  unavailable: 503,
};

const KIND_OF_STATUS = new Map(Object.entries(HTTP_STATUS_OF_KIND).map(([kind, status]) => [status, kind as DomainErrorKind]));

/** The kind an HTTP status stands for; statuses without a kind of their own count as `invalid` (4xx) or `unavailable` (5xx). */
export function kindOfHttpStatus(status: number): DomainErrorKind {
  return KIND_OF_STATUS.get(status) ?? (status >= 500 ? 'unavailable' : 'invalid');
}

/**
 * The one base of every error a caller can act on: a stable machine code, the same message in
 * English and Vietnamese, its kind, and optional details (e.g. which field was wrong). Domain
 * code throws subclasses of it directly; `@xaso/api` shows any of them, wherever thrown, as
 * GraphQL `extensions.code`/`messageEn`/`messageVi` and as RFC 9457 problem+json, with no wrapper.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messageEn: string,
    readonly messageVi: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
    this.name = new.target.name;
  }

  get httpStatus(): number {
    return HTTP_STATUS_OF_KIND[this.kind];
  }
}

/** True for a DomainError, also one from another copy of this module (bundles, worker threads). */
export function isDomainError(error: unknown): error is DomainError {
  if (error instanceof DomainError) return true;
  if (!(error instanceof Error)) return false;
  const e = error as Partial<DomainError>;
  return typeof e.code === 'string' && typeof e.messageEn === 'string' && typeof e.messageVi === 'string' && typeof e.kind === 'string' && e.kind in HTTP_STATUS_OF_KIND;
}
