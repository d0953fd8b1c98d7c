import { asNextVersion, planPublication, sameScorecardContent } from './scorecard-publication';
import { InvalidScorecardError, ScorecardVersionFrozenError, ScorecardVersionNotNextError } from './scorecard-errors';
import { Scorecard } from './scorecard';
import { HAI_DUONG_FRIENDLY_GOVERNMENT as V1 } from './seed';

const changed: Scorecard = { ...V1, titleEn: 'Friendly government (amended)' };

describe('planPublication', () => {
  it('creates the first version and refuses a first version other than 1', () => {
    expect(planPublication(V1, [], new Set())).toEqual({ action: 'CREATE', scorecard: V1 });
    expect(() => planPublication({ ...V1, version: 2 }, [], new Set())).toThrow(ScorecardVersionNotNextError);
  });

  it('publishing the same content again is a no-op, even for a used version', () => {
    const reordered = JSON.parse(JSON.stringify(V1, Object.keys(V1).reverse())) as Scorecard;
    expect(planPublication({ ...V1 }, [V1], new Set([1])).action).toBe('UNCHANGED');
    expect(sameScorecardContent(V1, { ...reordered, ...V1 })).toBe(true);
  });

  it('a change to a version in use is refused with a coded conflict', () => {
    let error: unknown;
    try {
      planPublication(changed, [V1], new Set([1]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScorecardVersionFrozenError);
    const e = error as ScorecardVersionFrozenError;
    expect([e.code, e.httpStatus, e.details]).toEqual(['SCORECARD_VERSION_FROZEN', 409, { code: 'HD_FRIENDLY_GOVERNMENT', version: 1 }]);
    expect(e.messageVi).toContain('phiên bản mới');
  });

  it('a change to a version nobody uses yet replaces it', () => {
    expect(planPublication(changed, [V1], new Set())).toEqual({ action: 'REPLACE', scorecard: changed });
  });

  it('a change becomes version n+1, which then publishes; skipping a number is refused', () => {
    const v2 = asNextVersion(V1, [V1], { titleEn: changed.titleEn });
    expect(v2.version).toBe(2);
    expect(v2.code).toBe(V1.code);
    expect(planPublication(v2, [V1], new Set([1]))).toEqual({ action: 'CREATE', scorecard: v2 });
    expect(asNextVersion(V1, [V1, v2], {}).version).toBe(3);
    expect(() => planPublication({ ...v2, version: 3 }, [V1], new Set([1]))).toThrow(ScorecardVersionNotNextError);
  });

  it('versions of other codes do not count', () => {
    const other = { ...V1, code: 'OTHER', version: 5 };
    expect(planPublication(V1, [other], new Set([5])).action).toBe('CREATE');
  });

  it('an invalid scorecard is refused before anything else', () => {
    expect(() => planPublication({ ...V1, totalPoints: 90 }, [], new Set())).toThrow(InvalidScorecardError);
  });
});
