import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
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
