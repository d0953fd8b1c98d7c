import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { AppError } from './app-error';
import { Base64Scalar } from './base64.scalar';
import { DateTimeScalar, isDateTime } from './date.scalar';
import { toErrorView } from './error-mapping';
import { findUnsafeGraphQLInput } from './graphql-input-guard';
import { findUnsafeString, MAX_STRING_LENGTH } from './input-guard';
import { isUnitCodeSyntax, UnitCodeScalar } from './unit-code';

describe('findUnsafeString', () => {
  it('finds NUL and other control characters anywhere, keys included, and keeps tabs and new lines', () => {
    expect(findUnsafeString({ a: ['ok', 'x\u0000y'] }, 'body')).toEqual({ field: 'body.a[1]', problem: 'CONTROL_CHARACTER' });
    expect(findUnsafeString({ 'k\u0007': 1 }, 'body')?.problem).toBe('CONTROL_CHARACTER');
    expect(findUnsafeString('Thôn 1\tTổ 2\r\nXã Đông', 'note')).toBeUndefined();
  });

  it('refuses values nested deeper than any field of ours', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(findUnsafeString(deep, 'formData')?.problem).toBe('TOO_DEEP');
  });

  it('finds strings over the global limit', () => {
    expect(findUnsafeString('x'.repeat(MAX_STRING_LENGTH), 'content')).toBeUndefined();
    expect(findUnsafeString('x'.repeat(MAX_STRING_LENGTH + 1), 'content')).toEqual({ field: 'content', problem: 'TOO_LONG', maxLength: MAX_STRING_LENGTH });
  });
});

describe('findUnsafeGraphQLInput', () => {
  const schema = buildSchema(`
    scalar Date
    scalar JSON
    scalar Base64
    input Petitioner { fullName: String! attachments: [String!] content: Base64 }
    type Query { units(code: ID, asOf: Date, search: String, petitioner: Petitioner, data: JSON): Int }
  `);
  const check = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return findUnsafeGraphQLInput(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
  };

  it('checks String and ID literals and variables, nested input fields and JSON, by path', () => {
    expect(check('{ units(code: "00\\u00004") }')).toMatchObject({ field: 'code', problem: 'CONTROL_CHARACTER' });
    expect(check('query($p: Petitioner) { units(petitioner: $p) }', { p: { fullName: 'An', attachments: ['ok', 'a\u0000'] } })).toMatchObject({
      field: '$p.attachments[1]',
    });
    expect(check('query($d: JSON) { units(data: $d) }', { d: { purpose: 'a\u0000' } })).toMatchObject({ field: '$d.purpose' });
    expect(check('query($s: String) { units(search: $s) }', { s: 'z'.repeat(MAX_STRING_LENGTH + 1) })?.problem).toBe('TOO_LONG');
  });

  it('leaves self-checking scalars (Date, Base64) to their own parsing', () => {
    expect(check('query($p: Petitioner) { units(petitioner: $p) }', { p: { fullName: 'An', content: 'A'.repeat(MAX_STRING_LENGTH + 4) } })).toBeUndefined();
    expect(check('{ units(asOf: "2024-02-30", search: "ba dinh") }')).toBeUndefined();
  });
});

describe('validated scalars', () => {
  it('DateTime refuses impossible instants', () => {
    expect(isDateTime('2026-03-20T10:00:00Z')).toBe(true);
    expect(isDateTime('2026-03-20T10:00:00.123+07:00')).toBe(true);
    for (const bad of ['2024-02-30T10:00:00Z', '2026-03-20T25:00:00Z', '2026-03-20T10:00:00', 'x']) expect(isDateTime(bad)).toBe(false);
    expect(() => DateTimeScalar.parseValue('2024-02-30T10:00:00Z')).toThrow(AppError);
    expect(DateTimeScalar.serialize(new Date('2026-03-20T10:00:00Z'))).toBe('2026-03-20T10:00:00.000Z');
  });

  it('UnitCode takes 2, 3 or 5 digits only', () => {
    expect(['01', '001', '00004'].every(isUnitCodeSyntax)).toBe(true);
    expect(['1', '1234', '000041', 'ABCDE', '0000\u0000'].some(isUnitCodeSyntax)).toBe(false);
    expect(() => UnitCodeScalar.parseValue('1234')).toThrow(/2 \(province\), 3 \(district\) or 5 \(commune\)/);
  });

  it('Base64 takes base64 only', () => {
    expect(Base64Scalar.parseValue('aGVsbG8=')).toBe('aGVsbG8=');
    expect(() => Base64Scalar.parseValue('!!!!')).toThrow(AppError);
  });
});

describe('PostgreSQL data exceptions (last line of defence)', () => {
  it('become a coded 400, other database errors stay a 500', () => {
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    expect(toErrorView(nul)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', details: { sqlState: '22021' } });
    const wrapped = Object.assign(new Error('QueryFailedError'), { driverError: { code: '22008' } });
    expect(toErrorView(wrapped).status).toBe(400);
    expect(toErrorView(Object.assign(new Error('deadlock'), { code: '40P01' })).status).toBe(500);
  });
});

describe('body-parser errors', () => {
  it('a too-large body is a coded 413, not a 500', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });
    expect(toErrorView(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', messageVi: 'Yêu cầu quá lớn' });
    expect(toErrorView(Object.assign(new Error('internal'), { status: 500, expose: false })).status).toBe(500);
  });
});
