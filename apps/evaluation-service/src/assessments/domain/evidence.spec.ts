import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD } from '../../scorecards/domain/seed';
import { indicatorsOf } from '../../scorecards/domain/scorecard';
import { assertValidManualEntry, enterableMaxPoints } from './evidence';
import { EVIDENCE } from './scoring.test-data';

const indicator = (code: string) => indicatorsOf(HD).find((p) => p.indicator.code === code)!.indicator;
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('assertValidManualEntry', () => {
  const manual4 = indicator('G1.C1.I1');

  it.each([
    [0, 'OK'], [4, 'OK'], [2.25, 'OK'], [4.01, 'SCORE_ABOVE_MAXIMUM'], [5, 'SCORE_ABOVE_MAXIMUM'],
    [-1, 'SCORE_OUT_OF_RANGE'], [1.005, 'SCORE_OUT_OF_RANGE'], [Number.NaN, 'SCORE_OUT_OF_RANGE'],
  ])('%p of 4 points → %s', (points, code) => {
    expect(codeOf(() => assertValidManualEntry(manual4, { points, evidence: EVIDENCE }))).toBe(code);
  });

  it('a score without evidence where it is required, evidence with a blank reference', () => {
    expect(codeOf(() => assertValidManualEntry(manual4, { points: 3, evidence: [] }))).toBe('EVIDENCE_REQUIRED');
    expect(codeOf(() => assertValidManualEntry(manual4, { points: 3, evidence: [{ kind: 'DOCUMENT', reference: '  ' }] }))).toBe('EVIDENCE_REQUIRED');
    const attachment = { kind: 'ATTACHMENT' as const, reference: 'att-1', fileName: 'bien-ban.pdf', contentType: 'application/pdf', sizeBytes: 1200 };
    expect(codeOf(() => assertValidManualEntry(manual4, { points: 3, evidence: [attachment] }))).toBe('OK');
    expect(codeOf(() => assertValidManualEntry({ ...manual4, evidenceRequired: false }, { points: 3, evidence: [] }))).toBe('OK');
    expect(codeOf(() => assertValidManualEntry(manual4, { points: 0, evidence: [] }))).toBe('OK');
  });

  it('computed indicators take a manual score only when they fall back to one; mixed ones only for their manual part', () => {
    expect(codeOf(() => assertValidManualEntry(indicator('G1.C2.I1'), { points: 1, evidence: EVIDENCE }))).toBe('MANUAL_SCORE_NOT_ALLOWED');
    expect(enterableMaxPoints(indicator('G2.C2.I1'))).toBe(4);
    expect(codeOf(() => assertValidManualEntry(indicator('G2.C2.I1'), { points: 4, evidence: EVIDENCE }))).toBe('OK');
    expect(enterableMaxPoints(indicator('G5.C2.I1'))).toBe(4);
    expect(codeOf(() => assertValidManualEntry(indicator('G5.C2.I1'), { points: 4.5, evidence: EVIDENCE }))).toBe('SCORE_ABOVE_MAXIMUM');
  });

  it('errors are bilingual with details', () => {
    try {
      assertValidManualEntry(manual4, { points: 9, evidence: EVIDENCE });
    } catch (e) {
      const err = e as { messageEn: string; messageVi: string; details: unknown };
      expect(err.messageEn).toBe('Indicator G1.C1.I1: 9 points is outside 0–4 (at most 2 decimals)');
      expect(err.messageVi).toContain('Chỉ số G1.C1.I1');
      expect(err.details).toEqual({ indicatorCode: 'G1.C1.I1', points: 9, maxPoints: 4 });
    }
    expect.assertions(3);
  });
});
