import { DomainError, kindOfHttpStatus } from '@xaso/errors';

/**
 * A `DomainError` thrown by API-side code that thinks in HTTP statuses (guards, pipes, the
 * unit replica): the status given is stored as its kind, so it maps exactly like any other
 * `DomainError`. Domain code extends `DomainError` from `@xaso/errors` instead.
 */
export class AppError extends DomainError {
  constructor(code: string, messageEn: string, messageVi: string, httpStatus = 400, details?: Record<string, unknown>) {
    super(code, messageEn, messageVi, kindOfHttpStatus(httpStatus), details);
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
