import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** Body of every auth exception: machine code plus English and Vietnamese messages. */
export interface AuthErrorBody {
  code: string;
  message: string;
  messageVi: string;
}

export const AUTH_ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  OUT_OF_UNIT_SCOPE: 'OUT_OF_UNIT_SCOPE',
} as const;

export function unauthenticated(message = 'Not signed in or the access token is invalid'): UnauthorizedException {
  const body: AuthErrorBody = {
    code: AUTH_ERROR_CODES.UNAUTHENTICATED,
    message,
    messageVi: 'Chưa đăng nhập hoặc mã thông báo không hợp lệ',
  };
  return new UnauthorizedException(body);
}

export function forbidden(message = 'You are not allowed to perform this operation'): ForbiddenException {
  const body: AuthErrorBody = {
    code: AUTH_ERROR_CODES.FORBIDDEN,
    message,
    messageVi: 'Không có quyền thực hiện thao tác này',
  };
  return new ForbiddenException(body);
}

export function outOfUnitScope(unitCode: string): ForbiddenException {
  const body: AuthErrorBody = {
    code: AUTH_ERROR_CODES.OUT_OF_UNIT_SCOPE,
    message: `Administrative unit ${unitCode} is outside your scope`,
    messageVi: `Đơn vị hành chính ${unitCode} nằm ngoài phạm vi quản lý của bạn`,
  };
  return new ForbiddenException(body);
}
