import { isDomainError } from '@xaso/errors';
import { Band, Scorecard } from './scorecard';
import { InvalidScorecardError } from './scorecard-errors';
import { HAI_DUONG_FRIENDLY_GOVERNMENT } from './seed';
import { assertValidScorecard, scorecardIssues } from './validate-scorecard';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object ? Mutable<T[K]> : T[K] };

function edited(edit: (s: Mutable<Scorecard>) => void): Scorecard {
  const copy = structuredClone(HAI_DUONG_FRIENDLY_GOVERNMENT) as Mutable<Scorecard>;
  edit(copy);
  return copy as Scorecard;
}

const codes = (s: Scorecard) => scorecardIssues(s).map((i) => i.code);
const band = (code: string, rank: number, min: number, max: number, maxInclusive = false): Band => ({ code, rank, titleVi: code, titleEn: code, min, max, maxInclusive });

describe('scorecardIssues', () => {
  it('finds nothing wrong with a consistent scorecard', () => {
    expect(scorecardIssues(HAI_DUONG_FRIENDLY_GOVERNMENT)).toEqual([]);
    expect(() => assertValidScorecard(HAI_DUONG_FRIENDLY_GOVERNMENT)).not.toThrow();
  });

  describe('points that do not add up', () => {
    it('groups not adding up to the stated total', () => {
      const s = edited((c) => (c.totalPoints = 99));
      expect(codes(s)).toEqual(['SCORECARD_TOTAL_MISMATCH', 'SCORECARD_BAND_RANGE_INVALID']);
      const issue = scorecardIssues(s)[0];
      expect(issue.messageEn).toBe('Scorecard HD_FRIENDLY_GOVERNMENT states 99 points but its parts add up to 100');
      expect(issue.messageVi).toBe('Bộ tiêu chí HD_FRIENDLY_GOVERNMENT ghi 99 điểm nhưng tổng các thành phần là 100');
    });

    it('criteria not adding up to their group', () => {
      const s = edited((c) => (c.groups[1].maxPoints = 16));
      expect(scorecardIssues(s)).toEqual([
        expect.objectContaining({ code: 'SCORECARD_GROUP_POINTS_MISMATCH', path: 'G2' }),
        expect.objectContaining({ code: 'SCORECARD_TOTAL_MISMATCH' }),
      ]);
    });

    it('indicators (points × weight) not adding up to their criterion', () => {
      const s = edited((c) => (c.groups[0].criteria[0].indicators[1].weight = 0.5));
      expect(scorecardIssues(s)).toEqual([expect.objectContaining({ code: 'SCORECARD_CRITERION_POINTS_MISMATCH', path: 'G1.G1.C1', messageEn: 'Criterion G1.C1 states 8 points but its parts add up to 6' })]);
    });

    it('accepts fractional weights that add up, to the hundredth', () => {
      const s = edited((c) => {
        const ind = c.groups[0].criteria[0].indicators;
        ind[0].maxPoints = 6;
        ind[0].weight = 0.5;
        ind[1].maxPoints = 5;
        ind[1].weight = 1;
      });
      expect(scorecardIssues(s)).toEqual([]);
    });

    it('does not drift on decimal sums (0.1 + 0.2 = 0.3)', () => {
      const s = edited((c) => {
        const crit = c.groups[3].criteria[1];
        crit.indicators[0].maxPoints = 0.1;
        crit.indicators.push({ ...crit.indicators[0], code: 'G4.C2.I2', maxPoints: 0.2 });
        crit.indicators.push({ ...crit.indicators[0], code: 'G4.C2.I3', maxPoints: 4.7 });
      });
      expect(scorecardIssues(s)).toEqual([]);
    });
  });

  describe('ranges', () => {
    it.each([0, -1, Number.NaN, 1.005])('indicator points %p are out of range', (points) => {
      const s = edited((c) => (c.groups[3].criteria[1].indicators[0].maxPoints = points));
      expect(codes(s)[0]).toBe('SCORECARD_POINTS_OUT_OF_RANGE');
    });

    it.each([0, -0.5, 1.5, Number.POSITIVE_INFINITY])('weight %p is out of range', (weight) => {
      const s = edited((c) => (c.groups[3].criteria[1].indicators[0].weight = weight));
      expect(codes(s)[0]).toBe('SCORECARD_WEIGHT_OUT_OF_RANGE');
    });

    it.each([0, 8, 9])('a mixed indicator computed part of %p of 8 is out of range', (part) => {
      const s = edited((c) => {
        const ind = c.groups[4].criteria[1].indicators[0];
        if (ind.kind === 'MIXED') ind.computedMaxPoints = part;
      });
      expect(codes(s)).toContain('SCORECARD_POINTS_OUT_OF_RANGE');
    });

    it('threshold points above the indicator maximum, falling or unordered thresholds, an empty curve', () => {
      const withSteps = (steps: { min: number; points: number }[]) =>
        edited((c) => {
          const ind = c.groups[0].criteria[1].indicators[0];
          if (ind.kind === 'COMPUTED') ind.computation.curve = { type: 'THRESHOLDS', steps };
        });
      expect(codes(withSteps([{ min: 0.9, points: 8 }]))).toEqual(['SCORECARD_CURVE_INVALID']);
      expect(codes(withSteps([{ min: 0.9, points: 3 }, { min: 0.8, points: 5 }]))).toEqual(['SCORECARD_CURVE_INVALID']);
      expect(codes(withSteps([{ min: 0.8, points: 5 }, { min: 0.9, points: 3 }]))).toEqual(['SCORECARD_CURVE_INVALID']);
      expect(codes(withSteps([]))).toEqual(['SCORECARD_CURVE_INVALID']);
      expect(codes(withSteps([{ min: 0.8, points: 3 }, { min: 0.9, points: 7 }]))).toEqual([]);
    });

    it('a linear curve with equal bounds, a bad period, a missing metric', () => {
      const s = edited((c) => {
        const ind = c.groups[0].criteria[1].indicators[1];
        if (ind.kind !== 'COMPUTED') return;
        ind.computation.curve = { type: 'LINEAR', worst: 0.5, best: 0.5 };
        ind.computation.period = { fromMonthDay: '07-01', toMonthDay: '02-29' };
        ind.computation.numerator = ' ';
      });
      expect(codes(s)).toEqual(['SCORECARD_METRIC_MISSING', 'SCORECARD_PERIOD_INVALID', 'SCORECARD_CURVE_INVALID']);
    });

    it('a bad version, valid years backwards', () => {
      expect(codes(edited((c) => (c.version = 0)))).toEqual(['SCORECARD_VERSION_INVALID']);
      expect(codes(edited((c) => (c.version = 1.5)))).toEqual(['SCORECARD_VERSION_INVALID']);
      expect(codes(edited((c) => (c.validYears = { fromYear: 2026, toYear: 2025 })))).toEqual(['SCORECARD_VALID_YEARS_INVALID']);
    });

    it('empty parts', () => {
      expect(codes(edited((c) => (c.groups[3].criteria[1].indicators = [])))).toEqual(['SCORECARD_EMPTY']);
      expect(codes(edited((c) => (c.groups = [])))).toEqual(['SCORECARD_EMPTY']);
    });
  });

  it('duplicate codes among groups, criteria, indicators and bands', () => {
    const s = edited((c) => {
      c.groups[1].criteria[0].indicators[1].code = 'G1.C1.I1';
      c.groups[2].code = 'G1';
      c.bands[1].code = 'LEVEL_1';
    });
    expect(scorecardIssues(s).filter((i) => i.code === 'SCORECARD_DUPLICATE_CODE').map((i) => i.path)).toEqual(['G2.G2.C1.G1.C1.I1', 'G1', 'bands.LEVEL_1']);
  });

  describe('bands', () => {
    const withBands = (bands: Band[]) => codes(edited((c) => (c.bands = bands)));

    it('overlapping bands', () => {
      expect(withBands([band('A', 1, 80, 86), band('B', 2, 85, 100, true)])).toEqual(['SCORECARD_BANDS_OVERLAP']);
      expect(withBands([band('A', 1, 80, 85, true), band('B', 2, 85, 100, true)])).toEqual(['SCORECARD_BANDS_OVERLAP', 'SCORECARD_BAND_RANGE_INVALID']);
    });

    it('gapped bands, a top band short of the total or open at the top', () => {
      expect(withBands([band('A', 1, 80, 84.99), band('B', 2, 85, 100, true)])).toEqual(['SCORECARD_BANDS_GAP']);
      expect(withBands([band('A', 1, 80, 85), band('B', 2, 85, 99, true)])).toEqual(['SCORECARD_BANDS_TOP_NOT_TOTAL']);
      expect(withBands([band('A', 1, 80, 85), band('B', 2, 85, 100)])).toEqual(['SCORECARD_BANDS_TOP_NOT_TOTAL']);
    });

    it('only the top band may include its upper bound', () => {
      expect(withBands([band('A', 1, 80, 84.99, true), band('B', 2, 85, 100, true)])).toEqual(['SCORECARD_BANDS_GAP', 'SCORECARD_BAND_RANGE_INVALID']);
    });

    it('bands out of range, ranks not rising, none at all', () => {
      expect(withBands([band('A', 1, 85, 80), band('B', 2, 85, 100, true)])).toEqual(['SCORECARD_BAND_RANGE_INVALID']);
      expect(withBands([band('A', 1, -5, 85), band('B', 2, 85, 101, true)])).toEqual(['SCORECARD_BAND_RANGE_INVALID', 'SCORECARD_BAND_RANGE_INVALID']);
      expect(withBands([band('A', 2, 80, 85), band('B', 1, 85, 100, true)])).toEqual(['SCORECARD_BAND_RANK_ORDER']);
      expect(withBands([])).toEqual(['SCORECARD_BANDS_EMPTY']);
    });

    it('accepts bands given in any order and a lowest band above 0', () => {
      expect(withBands([band('B', 2, 90, 100, true), band('A', 1, 70, 90)])).toEqual([]);
    });
  });

  it('throws a coded bilingual DomainError carrying every issue', () => {
    const s = edited((c) => {
      c.totalPoints = 90;
      c.groups[0].criteria[0].indicators[0].weight = 2;
    });
    let error: unknown;
    try {
      assertValidScorecard(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidScorecardError);
    expect(isDomainError(error)).toBe(true);
    const e = error as InvalidScorecardError;
    expect([e.code, e.kind, e.httpStatus]).toEqual(['SCORECARD_WEIGHT_OUT_OF_RANGE', 'invalid', 400]);
    expect(e.messageEn).toMatch(/weight above 0 and at most 1 \(\+\d+\)$/);
    expect(e.messageVi).toMatch(/trọng số/);
    expect((e.details?.issues as unknown[]).length).toBe(e.issues.length);
    expect(e.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['SCORECARD_CRITERION_POINTS_MISMATCH', 'SCORECARD_TOTAL_MISMATCH']));
  });
});
