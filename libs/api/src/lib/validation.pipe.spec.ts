import { IsOptional, IsString } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';
import { RestInputGuardMiddleware } from './rest-input-guard.middleware';
import { ApiValidationPipe } from './validation.pipe';

class NoteBody {
  @IsOptional() @IsString() note?: string;
}

describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();

  it('wants a JSON object where a DTO is expected', async () => {
    await expect(pipe.transform([1, 2], { type: 'body', metatype: NoteBody })).rejects.toThrow(/JSON object/);
    await expect(pipe.transform({ note: 'Thôn 1' }, { type: 'body', metatype: NoteBody })).resolves.toMatchObject({ note: 'Thôn 1' });
    await expect(pipe.transform(['a'], { type: 'body', data: 'items', metatype: Array })).resolves.toEqual(['a']);
  });
});

describe('RestInputGuardMiddleware', () => {
  const run = (req: Partial<Request>) => {
    let passed: unknown = 'not called';
    const request = { method: 'GET', headers: {}, path: '/api/v1/x', query: {}, ...req } as Request;
    new RestInputGuardMiddleware().use(request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
    return passed;
  };
  const json = { 'content-type': 'application/json; charset=utf-8', 'content-length': '2' };

  it('lets JSON bodies and body-less requests through and refuses other media types with 415', () => {
    expect(run({ method: 'POST', headers: json, body: { note: 'Thôn 1\nTổ 2' } })).toBeUndefined();
    expect(run({ method: 'POST', headers: { 'content-type': 'application/merge-patch+json', 'content-length': '2' } })).toBeUndefined();
    expect(run({ method: 'POST' })).toBeUndefined();
    const refused = run({ method: 'PUT', headers: { 'content-type': 'text/plain', 'content-length': '2' } });
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415 });
  });

  it('refuses control characters and over-long strings in the path, the query string and the body, naming where', () => {
    expect(run({ path: '/api/v1/dossiers/00004%00' })).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'path', problem: 'CONTROL_CHARACTER' } });
    expect(run({ query: { search: 'x'.repeat(20_001) } })).toMatchObject({ details: { field: 'query.search', problem: 'TOO_LONG' } });
    expect(run({ method: 'POST', headers: json, body: { items: ['ok', 'a\u0000'] } })).toMatchObject({ details: { field: 'body.items[1]' } });
  });
});
