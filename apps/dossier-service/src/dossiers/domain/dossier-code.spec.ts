import { formatDossierCode, isValidDossierCode, parseDossierCode } from './dossier-code';
import { DossierDomainError } from './dossier-domain-error';
import { assertValidIdNumber, idNumberLast4, idNumberLast4Matches, isValidIdNumber, parseIdNumber } from './id-number';

describe('dossier code <agency>-<YYMMDD>-<NNNN>', () => {
  it.each([
    ['00004', '2026-03-02', 1, '00004-260302-0001'],
    ['000.00.12.H23', '2025-12-31', 42, '000.00.12.H23-251231-0042'],
    ['X', '2030-02-02', 9999, 'X-300202-9999'],
  ])('formats %s %s %i', (agency, date, seq, code) => {
    expect(formatDossierCode(agency, date, seq)).toBe(code);
    expect(parseDossierCode(code)).toEqual({ agencyCode: agency, date, sequence: seq });
    expect(isValidDossierCode(code)).toBe(true);
  });

  it('uses the local day of an instant (UTC+7)', () => {
    expect(formatDossierCode('00004', new Date('2025-12-31T17:30:00Z'), 7)).toBe('00004-260101-0007');
    expect(formatDossierCode('00004', new Date('2025-12-31T16:59:59Z'), 7)).toBe('00004-251231-0007');
  });

  it('rejects bad input', () => {
    expect(() => formatDossierCode('000-04', '2026-03-02', 1)).toThrow(DossierDomainError);
    expect(() => formatDossierCode('', '2026-03-02', 1)).toThrow(DossierDomainError);
    expect(() => formatDossierCode('00004', '2026-02-30', 1)).toThrow(DossierDomainError);
    expect(() => formatDossierCode('00004', '1999-12-31', 1)).toThrow(DossierDomainError);
    expect(() => formatDossierCode('00004', '2026-03-02', 0)).toThrow(DossierDomainError);
    expect(() => formatDossierCode('00004', '2026-03-02', 1.5)).toThrow(DossierDomainError);
    try {
      formatDossierCode('00004', '2026-03-02', 10_000);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as DossierDomainError).code).toBe('DAILY_SEQUENCE_EXHAUSTED');
    }
  });

  it.each(['00004-260230-0001', '00004-260302-0000', '00004-260302-001', '00004-2603020-0001', '-260302-0001', '00004_260302_0001', 'a b-260302-0001', ''])(
    'rejects %s',
    (code) => {
      expect(parseDossierCode(code)).toBeNull();
      expect(isValidDossierCode(code)).toBe(false);
    },
  );

  it('tolerates surrounding spaces when parsing', () => {
    expect(parseDossierCode(' 00004-260302-0001 ')?.sequence).toBe(1);
  });
});

describe('12-digit ID numbers', () => {
  it.each([
    ['001099012345', { provinceCode: '001', gender: 'MALE', birthYear: 1999 }],
    ['079301000123', { provinceCode: '079', gender: 'FEMALE', birthYear: 2001 }],
    ['096185123456', { provinceCode: '096', gender: 'FEMALE', birthYear: 1985 }],
    ['038200654321', { provinceCode: '038', gender: 'MALE', birthYear: 2000 }],
  ] as const)('parses %s', (id, expected) => {
    expect(parseIdNumber(id)).toEqual(expected);
    expect(isValidIdNumber(id)).toBe(true);
    expect(() => assertValidIdNumber(id)).not.toThrow();
  });

  it.each(['00109901234', '0010990123456', '00109901234a', '003099012345', '097099012345', '000099012345', ' 001099012345'])('rejects %s', (id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });

  it('assertValidIdNumber throws INVALID_ID_NUMBER', () => {
    expect(() => assertValidIdNumber('123')).toThrow(expect.objectContaining({ code: 'INVALID_ID_NUMBER' }));
  });

  it('last-4 matching', () => {
    expect(idNumberLast4('001099012345')).toBe('2345');
    expect(idNumberLast4Matches('001099012345', '2345')).toBe(true);
    expect(idNumberLast4Matches('001099012345', ' 2345 ')).toBe(true);
    expect(idNumberLast4Matches('001099012345', '2346')).toBe(false);
    expect(idNumberLast4Matches('001099012345', '345')).toBe(false);
    expect(idNumberLast4Matches('001099012345', '12345')).toBe(false);
    expect(idNumberLast4Matches('001099012345', 'abcd')).toBe(false);
    expect(idNumberLast4Matches(null, '2345')).toBe(false);
    expect(idNumberLast4Matches('', '')).toBe(false);
  });
});
