import { AssessmentState, AssessmentStep, StepType } from './assessment';
import { applyStep } from './apply-step';
import { stepsFrom } from './transitions';
import { EVIDENCE } from './scoring.test-data';
import { reviewedSheetOf } from './review-steps';
import {
  COMMUNE, JAN_15, NOV_20, approved, communeOfficer, ctx, draft, manualRecord, measuredRecord, provinceLeader, provinceOfficer, run, underReview,
} from './workflow.test-data';
import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD } from '../../scorecards/domain/seed';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('the assessment workflow', () => {
  it('DRAFT → SUBMITTED → UNDER_REVIEW → APPROVED → RECOGNISED, every step in the history', () => {
    const recognised = run(
      underReview(),
      [{ type: 'REVIEW', entries: { 'G4.C1.I1': { points: 3, comment: 'Chưa có khu phân loại rác' } } }, provinceOfficer],
      [{ type: 'APPROVE' }, provinceOfficer],
      [{ type: 'RECOGNISE' }, provinceLeader, JAN_15],
    );
    expect(recognised.state).toBe('RECOGNISED');
    expect(recognised.recognisedLevelCode).toBe('LEVEL_4');
    expect(recognised.history.map((h) => [h.seq, h.step, h.from, h.to, h.actorId])).toEqual([
      [1, 'SAVE_SELF', 'DRAFT', 'DRAFT', 'u-commune'],
      [2, 'SUBMIT', 'DRAFT', 'SUBMITTED', 'u-commune'],
      [3, 'START_REVIEW', 'SUBMITTED', 'UNDER_REVIEW', 'u-province'],
      [4, 'REVIEW', 'UNDER_REVIEW', 'UNDER_REVIEW', 'u-province'],
      [5, 'APPROVE', 'UNDER_REVIEW', 'APPROVED', 'u-province'],
      [6, 'RECOGNISE', 'APPROVED', 'RECOGNISED', 'u-leader'],
    ]);
    expect(recognised.history[5].at).toBe('2026-01-15T02:00:00.000Z');
    expect(recognised.history[4].changes).toEqual([{ field: 'reviewedTotal', before: null, after: 98 }, { field: 'level', before: null, after: 'LEVEL_4' }]);
    expect(recognised.history[3].changes).toEqual([{ field: 'reviews.G4.C1.I1', before: null, after: { points: 3, comment: 'Chưa có khu phân loại rác' } }]);
  });

  it('is pure: the given assessment is never changed', () => {
    const before = underReview();
    const snapshot = JSON.stringify(before);
    applyStep(before, { type: 'REVIEW', entries: { 'G4.C1.I1': { points: 1, comment: 'x' } } }, ctx(provinceOfficer));
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('returned for correction, saved again (back to DRAFT) and resubmitted; or reopened explicitly', () => {
    const returned = run(underReview(), [{ type: 'RETURN', reason: '  Thiếu minh chứng tiêu chí 4  ' }, provinceOfficer]);
    expect([returned.state, returned.history.at(-1)?.reason]).toEqual(['RETURNED', 'Thiếu minh chứng tiêu chí 4']);
    const saved = run(returned, [{ type: 'SAVE_SELF', entries: { 'G4.C1.I1': { points: 4, evidence: EVIDENCE } } }, communeOfficer]);
    expect(saved.state).toBe('DRAFT');
    expect(run(saved, [{ type: 'SUBMIT', measured: measuredRecord() }, communeOfficer]).state).toBe('SUBMITTED');
    expect(run(returned, [{ type: 'REOPEN' }, communeOfficer]).state).toBe('DRAFT');
  });

  it('approval undone by the province with a reason, then approved again; not after recognition', () => {
    const unapproved = run(approved(), [{ type: 'UNAPPROVE', reason: 'Phát hiện sai sót số liệu' }, provinceOfficer]);
    expect([unapproved.state, unapproved.history.at(-1)?.reason]).toEqual(['UNDER_REVIEW', 'Phát hiện sai sót số liệu']);
    expect(run(unapproved, [{ type: 'APPROVE' }, provinceOfficer]).state).toBe('APPROVED');
    expect(codeOf(() => run(approved(), [{ type: 'UNAPPROVE', reason: ' ' }, provinceOfficer]))).toBe('REASON_REQUIRED');
    expect(codeOf(() => run(underReview(), [{ type: 'RETURN', reason: '' }, provinceOfficer]))).toBe('REASON_REQUIRED');
    const recognised = run(approved(), [{ type: 'RECOGNISE' }, provinceLeader, JAN_15]);
    expect(codeOf(() => run(recognised, [{ type: 'UNAPPROVE', reason: 'late' }, provinceOfficer]))).toBe('ASSESSMENT_STEP_OUT_OF_ORDER');
  });

  describe('steps out of order', () => {
    const states: Record<AssessmentState, () => ReturnType<typeof draft>> = {
      DRAFT: draft,
      SUBMITTED: () => run(draft(), [{ type: 'SAVE_SELF', entries: manualRecord() }, communeOfficer], [{ type: 'SUBMIT', measured: measuredRecord() }, communeOfficer]),
      UNDER_REVIEW: underReview,
      RETURNED: () => run(underReview(), [{ type: 'RETURN', reason: 'r' }, provinceOfficer]),
      APPROVED: approved,
      RECOGNISED: () => run(approved(), [{ type: 'RECOGNISE' }, provinceLeader, JAN_15]),
    };
    const stepOf: Record<StepType, AssessmentStep> = {
      SAVE_SELF: { type: 'SAVE_SELF', entries: {} },
      REOPEN: { type: 'REOPEN' },
      SUBMIT: { type: 'SUBMIT', measured: measuredRecord() },
      START_REVIEW: { type: 'START_REVIEW' },
      REVIEW: { type: 'REVIEW', entries: {} },
      RETURN: { type: 'RETURN', reason: 'r' },
      APPROVE: { type: 'APPROVE' },
      UNAPPROVE: { type: 'UNAPPROVE', reason: 'r' },
      RECOGNISE: { type: 'RECOGNISE' },
    };
    const actorOf = (step: StepType) => (['SAVE_SELF', 'REOPEN', 'SUBMIT'].includes(step) ? communeOfficer : step === 'RECOGNISE' ? provinceLeader : provinceOfficer);
    const cases = (Object.keys(states) as AssessmentState[]).flatMap((state) => (Object.keys(stepOf) as StepType[]).map((step) => [state, step] as const));

    it.each(cases)('from %s, %s', (state, step) => {
      const allowed = stepsFrom(state).includes(step);
      const result = codeOf(() => applyStep(states[state](), stepOf[step], ctx(actorOf(step), JAN_15)));
      expect(result).toBe(allowed ? 'OK' : 'ASSESSMENT_STEP_OUT_OF_ORDER');
    });

    it('the table is the documented one', () => {
      expect(Object.fromEntries((Object.keys(states) as AssessmentState[]).map((s) => [s, stepsFrom(s)]))).toEqual({
        DRAFT: ['SAVE_SELF', 'SUBMIT'],
        SUBMITTED: ['START_REVIEW'],
        UNDER_REVIEW: ['REVIEW', 'RETURN', 'APPROVE'],
        RETURNED: ['SAVE_SELF', 'REOPEN'],
        APPROVED: ['UNAPPROVE', 'RECOGNISE'],
        RECOGNISED: [],
      });
    });
  });

  describe('who may do what', () => {
    const otherCommune = { ...communeOfficer, userId: 'u-other', unitCode: '10510' };
    const otherProvince = { ...provinceOfficer, provinceCode: '31' };
    const fromTheCommune = { ...provinceOfficer, userId: 'u-insider', unitCode: COMMUNE };

    it('commune officers of the unit fill and submit; nobody else', () => {
      expect(codeOf(() => run(draft(), [{ type: 'SAVE_SELF', entries: {} }, otherCommune]))).toBe('ASSESSMENT_FORBIDDEN');
      expect(codeOf(() => run(draft(), [{ type: 'SAVE_SELF', entries: {} }, provinceOfficer]))).toBe('ASSESSMENT_FORBIDDEN');
      expect(codeOf(() => run(draft(), [{ type: 'SUBMIT', measured: measuredRecord() }, otherCommune]))).toBe('ASSESSMENT_FORBIDDEN');
    });

    it('province officers of the same province, not from the commune, review, return, approve, unapprove', () => {
      expect(codeOf(() => run(underReview(), [{ type: 'APPROVE' }, communeOfficer]))).toBe('ASSESSMENT_FORBIDDEN');
      expect(codeOf(() => run(underReview(), [{ type: 'APPROVE' }, otherProvince]))).toBe('ASSESSMENT_FORBIDDEN');
      expect(codeOf(() => run(underReview(), [{ type: 'REVIEW', entries: {} }, fromTheCommune]))).toBe('REVIEWER_FROM_ASSESSED_UNIT');
      expect(codeOf(() => run(approved(), [{ type: 'UNAPPROVE', reason: 'r' }, fromTheCommune]))).toBe('REVIEWER_FROM_ASSESSED_UNIT');
      expect(codeOf(() => run(underReview(), [{ type: 'APPROVE' }, provinceLeader]))).toBe('ASSESSMENT_FORBIDDEN');
    });

    it('the province leader recognises; not a province officer; not a leader of another province', () => {
      expect(codeOf(() => run(approved(), [{ type: 'RECOGNISE' }, provinceOfficer, JAN_15]))).toBe('ASSESSMENT_FORBIDDEN');
      expect(codeOf(() => run(approved(), [{ type: 'RECOGNISE' }, { ...provinceLeader, provinceCode: '31' }, JAN_15]))).toBe('ASSESSMENT_FORBIDDEN');
      expect(codeOf(() => run(approved(), [{ type: 'RECOGNISE' }, provinceLeader, JAN_15]))).toBe('OK');
    });

    it('errors are coded and bilingual, with their kind', () => {
      try {
        run(underReview(), [{ type: 'REVIEW', entries: {} }, fromTheCommune]);
      } catch (e) {
        const err = e as { kind: string; messageEn: string; messageVi: string; httpStatus: number };
        expect([err.kind, err.httpStatus]).toEqual(['forbidden', 403]);
        expect(err.messageVi).toContain('không được thẩm định');
      }
      expect.assertions(2);
    });
  });

  describe('recognition in January of the next year (or a configured window)', () => {
    it.each([
      ['2025-12-31T16:59:59Z', 'RECOGNITION_OUTSIDE_WINDOW'], // 23:59:59 on 31 Dec local
      ['2025-12-31T17:00:00Z', 'OK'], // 00:00 on 1 Jan local
      ['2026-01-31T16:59:59Z', 'OK'],
      ['2026-01-31T17:00:00Z', 'RECOGNITION_OUTSIDE_WINDOW'], // 1 Feb local
      ['2026-06-01T03:00:00Z', 'RECOGNITION_OUTSIDE_WINDOW'],
    ])('at %s → %s', (at, code) => {
      expect(codeOf(() => run(approved(), [{ type: 'RECOGNISE' }, provinceLeader, new Date(at)]))).toBe(code);
    });

    it('a configured window replaces January', () => {
      const window = { from: '2026-02-01', to: '2026-02-15' };
      expect(codeOf(() => applyStep(approved(), { type: 'RECOGNISE' }, ctx(provinceLeader, new Date('2026-02-10T03:00:00Z'), { recognitionWindow: window })))).toBe('OK');
      expect(codeOf(() => applyStep(approved(), { type: 'RECOGNISE' }, ctx(provinceLeader, JAN_15, { recognitionWindow: window })))).toBe('RECOGNITION_OUTSIDE_WINDOW');
    });

    it('a result below every band is recognised as not recognised (level null)', () => {
      const low = run(underReview(), [{ type: 'REVIEW', entries: { 'G5.C3.I1': { points: 0, comment: 'Không có' }, 'G4.C1.I1': { points: 0, comment: 'Không đạt' }, 'G4.C1.I2': { points: 0, comment: 'Không đạt' }, 'G4.C2.I1': { points: 0, comment: 'Không đạt' } } }, provinceOfficer], [{ type: 'APPROVE' }, provinceOfficer], [{ type: 'RECOGNISE' }, provinceLeader, JAN_15]);
      expect([reviewedSheetOf(low, ctx(provinceLeader)).total, low.recognisedLevelCode]).toEqual([78, null]);
    });
  });

  describe('self-assessment and submission', () => {
    it('computed values are frozen at submission, with the submission day and the self total', () => {
      const submitted = run(draft(), [{ type: 'SAVE_SELF', entries: manualRecord() }, communeOfficer], [{ type: 'SUBMIT', measured: measuredRecord() }, communeOfficer]);
      expect(submitted.measured).toEqual(measuredRecord());
      expect(submitted.submittedOn).toBe('2025-11-20');
      expect(submitted.history[1].changes[1]).toEqual({ field: 'selfTotal', before: null, after: 100 });
      expect(codeOf(() => run(submitted, [{ type: 'SAVE_SELF', entries: {} }, communeOfficer]))).toBe('ASSESSMENT_STEP_OUT_OF_ORDER');
    });

    it('a resubmission after a return freezes fresh values', () => {
      const returned = run(underReview(), [{ type: 'RETURN', reason: 'r' }, provinceOfficer], [{ type: 'REOPEN' }, communeOfficer]);
      const fresh = { ...measuredRecord(), 'G1.C2.I1': { numerator: 9, denominator: 10, value: 0.9 } };
      const resubmitted = run(returned, [{ type: 'SUBMIT', measured: fresh }, communeOfficer, new Date('2025-12-10T03:00:00Z')]);
      expect([resubmitted.measured?.['G1.C2.I1'], resubmitted.submittedOn]).toEqual([{ numerator: 9, denominator: 10, value: 0.9 }, '2025-12-10']);
    });

    it('submission needs every computed value, and no unknown ones', () => {
      const { ['G1.C2.I1']: _dropped, ...partial } = measuredRecord();
      expect(codeOf(() => run(draft(), [{ type: 'SUBMIT', measured: partial }, communeOfficer]))).toBe('COMPUTED_VALUES_MISSING');
      expect(codeOf(() => run(draft(), [{ type: 'SUBMIT', measured: { ...measuredRecord(), NOPE: { numerator: 1, denominator: 1, value: 1 } } }, communeOfficer]))).toBe('UNKNOWN_INDICATOR');
    });

    it('manual entries are checked (above maximum, evidence, computed-only, unknown) and can be cleared', () => {
      const save = (entries: Record<string, unknown>) => () => run(draft(), [{ type: 'SAVE_SELF', entries } as AssessmentStep, communeOfficer]);
      expect(codeOf(save({ 'G1.C1.I1': { points: 4.5, evidence: EVIDENCE } }))).toBe('SCORE_ABOVE_MAXIMUM');
      expect(codeOf(save({ 'G1.C1.I1': { points: 4, evidence: [] } }))).toBe('EVIDENCE_REQUIRED');
      expect(codeOf(save({ 'G1.C2.I1': { points: 4, evidence: EVIDENCE } }))).toBe('MANUAL_SCORE_NOT_ALLOWED');
      expect(codeOf(save({ X: { points: 1, evidence: EVIDENCE } }))).toBe('UNKNOWN_INDICATOR');
      const once = run(draft(), [{ type: 'SAVE_SELF', entries: { 'G1.C1.I1': { points: 4, evidence: EVIDENCE } } }, communeOfficer]);
      const cleared = run(once, [{ type: 'SAVE_SELF', entries: { 'G1.C1.I1': null, 'G1.C1.I2': null } }, communeOfficer]);
      expect(cleared.manual).toEqual({});
      expect(cleared.history[1].changes).toEqual([{ field: 'manual.G1.C1.I1', before: { points: 4, evidence: EVIDENCE }, after: null }]);
    });

    it('an assessment is scored only with its own scorecard version', () => {
      expect(codeOf(() => applyStep(draft(), { type: 'SAVE_SELF', entries: {} }, { ...ctx(communeOfficer), scorecard: { ...HD, version: 2 } }))).toBe('ASSESSMENT_SCORECARD_MISMATCH');
    });
  });

  describe('review', () => {
    it('a reviewed score that differs needs a comment; the same score does not; above the maximum is refused', () => {
      const rev = (entries: Record<string, { points: number; comment: string }>) => () => run(underReview(), [{ type: 'REVIEW', entries }, provinceOfficer]);
      expect(codeOf(rev({ 'G1.C1.I1': { points: 3, comment: ' ' } }))).toBe('REVIEW_COMMENT_REQUIRED');
      expect(codeOf(rev({ 'G1.C1.I1': { points: 4, comment: '' } }))).toBe('OK');
      expect(codeOf(rev({ 'G1.C2.I1': { points: 7.5, comment: 'x' } }))).toBe('SCORE_ABOVE_MAXIMUM');
    });

    it('the reviewed total is what approval records and recognition levels', () => {
      const reviewed = run(underReview(), [{ type: 'REVIEW', entries: { 'G5.C3.I1': { points: 0, comment: 'Sáng kiến chưa được công nhận' } } }, provinceOfficer]);
      const sheet = reviewedSheetOf(reviewed, ctx(provinceOfficer, NOV_20));
      expect([sheet.total, sheet.levelCode]).toEqual([93, 'LEVEL_3']);
    });
  });
});
