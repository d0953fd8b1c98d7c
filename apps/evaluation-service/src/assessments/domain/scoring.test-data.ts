import { Scorecard, indicatorsOf } from '../../scorecards/domain/scorecard';
import { HAI_DUONG_BANDS, HAI_DUONG_FRIENDLY_GOVERNMENT } from '../../scorecards/domain/seed';
import { MeasuredValue } from '../../indicators/domain/computed-value';
import { enterableMaxPoints, ManualEntry } from './evidence';

export const EVIDENCE = [{ kind: 'DOCUMENT' as const, reference: 'QĐ 12/QĐ-UBND' }];

/** One 100-point manual indicator under the Hải Dương bands: the total is the points entered. */
export const ONE_INDICATOR: Scorecard = {
  ...HAI_DUONG_FRIENDLY_GOVERNMENT,
  code: 'ONE',
  bands: HAI_DUONG_BANDS,
  groups: [
    {
      code: 'G', titleVi: 'G', titleEn: 'G', maxPoints: 100,
      criteria: [{ code: 'C', titleVi: 'C', titleEn: 'C', maxPoints: 100, indicators: [{ kind: 'MANUAL', code: 'I', titleVi: 'I', titleEn: 'I', maxPoints: 100, weight: 1, evidenceRequired: true }] }],
    },
  ],
};

/** Full marks by hand on every enterable part of the Hải Dương scorecard. */
export function fullManual(scorecard: Scorecard = HAI_DUONG_FRIENDLY_GOVERNMENT): Map<string, ManualEntry> {
  return new Map(
    indicatorsOf(scorecard)
      .filter(({ indicator }) => indicator.kind !== 'COMPUTED')
      .map(({ indicator }) => [indicator.code, { points: enterableMaxPoints(indicator), evidence: EVIDENCE }]),
  );
}

/** A perfect measured value for every computed part (rates of 1, counts of 0). */
export function perfectMeasured(scorecard: Scorecard = HAI_DUONG_FRIENDLY_GOVERNMENT): Map<string, MeasuredValue> {
  return new Map(
    indicatorsOf(scorecard)
      .filter(({ indicator }) => indicator.kind !== 'MANUAL')
      .map(({ indicator }) => {
        const c = indicator.kind === 'MANUAL' ? null : indicator.computation;
        const value: MeasuredValue = c?.denominator ? { numerator: 10, denominator: 10, value: 1 } : { numerator: 0, denominator: null, value: 0 };
        return [indicator.code, value];
      }),
  );
}
