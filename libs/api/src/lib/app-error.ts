/**
 * An error the caller can act on: a stable machine code, the same message in English and
 * Vietnamese, the HTTP status it maps to, and optional details (e.g. which field was wrong).
 * GraphQL shows it as `extensions.code`; REST as RFC 9457 problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly messageEn: string,
    readonly messageVi: string,
    readonly httpStatus = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(messageEn: string, messageVi: string, details?: Record<string, unknown>) {
    super('BAD_USER_INPUT', messageEn, messageVi, 400, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, whatVi: string, key: string) {
    super('NOT_FOUND', `${what} ${key} was not found`, `Không tìm thấy ${whatVi} ${key}`, 404, { key });
  }
}

export class ForbiddenError extends AppError {
  constructor(
    messageEn = 'You are not allowed to do this',
    messageVi = 'Không có quyền thực hiện thao tác này',
    code = 'FORBIDDEN',
  ) {
    super(code, messageEn, messageVi, 403);
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('UNAUTHENTICATED', 'Sign-in required or token invalid', 'Chưa đăng nhập hoặc mã thông báo không hợp lệ', 401);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, messageEn: string, messageVi: string, details?: Record<string, unknown>) {
    super(code, messageEn, messageVi, 409, details);
  }
}
