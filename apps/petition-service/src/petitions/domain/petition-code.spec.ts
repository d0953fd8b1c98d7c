import { parsePetitionCode, petitionCode, sequenceDay } from './petition-code';
import { generateTrackingSecret, hashTrackingSecret, normalizeTrackingSecret, verifyTrackingSecret } from './tracking-secret';

describe('petition code', () => {
  it('is <unit>-<YYMMDD>-<NNNN> on the Vietnamese day', () => {
    expect(petitionCode('00004', new Date('2026-03-02T02:00:00Z'), 7)).toBe('00004-260302-0007');
    // 2026-03-01 18:00Z is already 2026-03-02 in Vietnam
    expect(petitionCode('00004', new Date('2026-03-01T18:00:00Z'), 1)).toBe('00004-260302-0001');
    expect(sequenceDay(new Date('2026-03-01T18:00:00Z'))).toBe('2026-03-02');
  });

  it('rejects out-of-range sequences and bad unit codes', () => {
    expect(() => petitionCode('00004', new Date(), 0)).toThrow(RangeError);
    expect(() => petitionCode('00004', new Date(), 10_000)).toThrow(RangeError);
    expect(() => petitionCode('00 04', new Date(), 1)).toThrow(RangeError);
  });

  it('parses back', () => {
    expect(parsePetitionCode('00004-260302-0007')).toEqual({ unitCode: '00004', date: '2026-03-02', sequence: 7 });
    expect(parsePetitionCode('nonsense')).toBeUndefined();
  });
});

describe('tracking secret', () => {
  it('is random, grouped and unambiguous', () => {
    const a = generateTrackingSecret();
    const b = generateTrackingSecret();
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(a).not.toBe(b);
  });

  it('is deterministic for a given random source', () => {
    expect(generateTrackingSecret(() => new Uint8Array(20))).toBe('0000-0000-0000-0000-0000');
  });

  it('is stored hashed and verified tolerant of case and separators', () => {
    const s = generateTrackingSecret();
    const h = hashTrackingSecret(s);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(normalizeTrackingSecret(s));
    expect(verifyTrackingSecret(s.toLowerCase().replace(/-/g, ' '), h)).toBe(true);
    expect(verifyTrackingSecret(generateTrackingSecret(), h)).toBe(false);
    expect(verifyTrackingSecret(s, 'abc')).toBe(false);
    expect(normalizeTrackingSecret('o1-il')).toBe('0111');
  });
});
