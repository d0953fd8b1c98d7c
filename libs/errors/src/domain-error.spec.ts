import { DomainError, HTTP_STATUS_OF_KIND, isDomainError, kindOfHttpStatus } from './domain-error';

class SampleError extends DomainError {
  constructor() {
    super('SAMPLE_CONFLICT', 'It changed', 'Đã thay đổi', 'conflict', { key: 'k' });
  }
}

describe('DomainError', () => {
  it('carries code, both messages, kind, details and the status of its kind', () => {
    const e = new SampleError();
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message, e.messageEn, e.messageVi, e.kind, e.httpStatus, e.details]).toEqual([
      'SampleError', 'SAMPLE_CONFLICT', 'It changed', 'It changed', 'Đã thay đổi', 'conflict', 409, { key: 'k' },
    ]);
  });

  it('defaults to an invalid-input error', () => {
    expect(new DomainError('X', 'en', 'vi').httpStatus).toBe(400);
  });

  it('maps every kind to a status and back', () => {
    for (const [kind, status] of Object.entries(HTTP_STATUS_OF_KIND)) expect(kindOfHttpStatus(status)).toBe(kind);
    expect(kindOfHttpStatus(418)).toBe('invalid');
    expect(kindOfHttpStatus(502)).toBe('unavailable');
  });

  it('recognises a DomainError by shape too, but not any error with a code', () => {
    const lookalike = Object.assign(new Error('en'), { code: 'X', messageEn: 'en', messageVi: 'vi', kind: 'forbidden' });
    expect(isDomainError(new SampleError())).toBe(true);
    expect(isDomainError(lookalike)).toBe(true);
    expect(isDomainError(Object.assign(new Error('pg'), { code: '22P02' }))).toBe(false);
    expect(isDomainError({ code: 'X', messageEn: 'en', messageVi: 'vi', kind: 'forbidden' })).toBe(false);
  });
});
