import { Computation, ComputedIndicator, Criterion, CriteriaGroup, ManualIndicator, MissingDataRule, MixedIndicator, ScoringCurve, WHOLE_YEAR } from '../scorecard';

// Terse constructors so the seeds read like the standard they transcribe.

type Titles = [code: string, titleVi: string, titleEn: string];

export function manual([code, titleVi, titleEn]: Titles, maxPoints: number, evidenceRequired = true): ManualIndicator {
  return { kind: 'MANUAL', code, titleVi, titleEn, maxPoints, weight: 1, evidenceRequired };
}

export function measure(numerator: string, denominator: string | null, curve: ScoringCurve, missingData: MissingDataRule): Computation {
  return { numerator, denominator, period: WHOLE_YEAR, curve, missingData };
}

export function computed([code, titleVi, titleEn]: Titles, maxPoints: number, computation: Computation): ComputedIndicator {
  return { kind: 'COMPUTED', code, titleVi, titleEn, maxPoints, weight: 1, evidenceRequired: computation.missingData === 'MANUAL_FALLBACK', computation };
}

export function mixed([code, titleVi, titleEn]: Titles, maxPoints: number, computedMaxPoints: number, computation: Computation): MixedIndicator {
  return { kind: 'MIXED', code, titleVi, titleEn, maxPoints, computedMaxPoints, weight: 1, evidenceRequired: true, computation };
}

export function criterion([code, titleVi, titleEn]: Titles, indicators: Criterion['indicators']): Criterion {
  return { code, titleVi, titleEn, maxPoints: indicators.reduce((sum, i) => sum + i.maxPoints * i.weight, 0), indicators };
}

/** A group states its points explicitly, so the validator checks the transcription. */
export function group([code, titleVi, titleEn]: Titles, maxPoints: number, criteria: CriteriaGroup['criteria']): CriteriaGroup {
  return { code, titleVi, titleEn, maxPoints, criteria };
}

/** Steps as [min, points] pairs, lowest first. */
export function thresholds(...steps: [min: number, points: number][]): ScoringCurve {
  return { type: 'THRESHOLDS', steps: steps.map(([min, points]) => ({ min, points })) };
}

export function linear(worst: number, best: number): ScoringCurve {
  return { type: 'LINEAR', worst, best };
}
