import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '@xaso/errors';
import { GraphQLError } from 'graphql';
import { AppError, NotFoundError } from './app-error';
import { toErrorView } from './error-mapping';
import { formatGraphQLError } from './graphql-errors';

describe('toErrorView', () => {
  it('keeps an AppError as it is', () => {
    expect(toErrorView(new NotFoundError('Dossier', 'hồ sơ', 'X-1'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      messageEn: 'Dossier X-1 was not found',
      messageVi: 'Không tìm thấy hồ sơ X-1',
      details: { key: 'X-1' },
    });
  });

  it('maps any DomainError, thrown anywhere, by its kind', () => {
    class ParcelLockedError extends DomainError {
      constructor() {
        super('PARCEL_LOCKED', 'Locked', 'Đã khóa', 'conflict', { parcel: 'P' });
      }
    }
    expect(toErrorView(new ParcelLockedError())).toEqual({ status: 409, code: 'PARCEL_LOCKED', messageEn: 'Locked', messageVi: 'Đã khóa', details: { parcel: 'P' } });
    expect(toErrorView(new DomainError('X', 'en', 'vi', 'unprocessable')).status).toBe(422);
    expect(toErrorView(new DomainError('X', 'en', 'vi', 'unavailable')).status).toBe(503);
    // one from another copy of @xaso/errors (a bundle, a worker thread) is recognised by its shape
    const copy = Object.assign(new Error('en'), { code: 'COPY', messageEn: 'en', messageVi: 'vi', kind: 'forbidden' });
    expect(toErrorView(copy)).toMatchObject({ status: 403, code: 'COPY' });
  });

  it('keeps the status an AppError was given, as its kind', () => {
    expect(new AppError('A', 'en', 'vi', 422)).toMatchObject({ kind: 'unprocessable', httpStatus: 422 });
    expect(new AppError('A', 'en', 'vi', 503)).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    expect(new AppError('A', 'en', 'vi')).toBeInstanceOf(DomainError);
  });

  it('reads code and Vietnamese message from an HttpException body', () => {
    const view = toErrorView(new ForbiddenException({ code: 'OUT_OF_UNIT_SCOPE', message: 'Not your unit', messageVi: 'Không thuộc đơn vị' }));
    expect(view).toMatchObject({ status: 403, code: 'OUT_OF_UNIT_SCOPE', messageEn: 'Not your unit', messageVi: 'Không thuộc đơn vị' });
  });

  it('falls back to a bilingual default per status', () => {
    expect(toErrorView(new UnauthorizedException())).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('hides internals of unknown errors', () => {
    const view = toErrorView(new Error('relation "secret_table" does not exist'));
    expect(view.status).toBe(500);
    expect(view.messageEn).not.toContain('secret_table');
  });
});

describe('formatGraphQLError', () => {
  it('formats a DomainError thrown in a resolver', () => {
    const error = new GraphQLError('x', { originalError: new DomainError('NOT_YOURS', 'Not yours', 'Không phải của bạn', 'forbidden') });
    const formatted = formatGraphQLError({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted.extensions).toEqual({ code: 'NOT_YOURS', messageEn: 'Not yours', messageVi: 'Không phải của bạn' });
  });

  it('puts the code and both languages into extensions', () => {
    const error = new GraphQLError('x', { originalError: new AppError('INVALID_TRANSITION', 'Not allowed now', 'Không được phép lúc này', 409) });
    const formatted = formatGraphQLError({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted.extensions).toEqual({ code: 'INVALID_TRANSITION', messageEn: 'Not allowed now', messageVi: 'Không được phép lúc này' });
    expect(formatted.message).toBe('Not allowed now');
  });

  it('translates Apollo validation errors', () => {
    const error = new GraphQLError('Cannot query field "nope"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const formatted = formatGraphQLError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error);
    expect(formatted.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(formatted.extensions?.messageVi).toMatch(/không hợp lệ/);
  });
});
