import { ScoringCurve } from '../../scorecards/domain/scorecard';
import { roundPoints } from '../../scorecards/domain/points';

/** Points (to the hundredth) a measured value earns on a curve worth `maxPoints`. */
export function pointsOnCurve(curve: ScoringCurve, value: number, maxPoints: number): number {
  if (curve.type === 'THRESHOLDS') {
    let points = 0;
    for (const step of curve.steps) if (value >= step.min) points = Math.max(points, step.points);
    return roundPoints(Math.min(points, maxPoints));
  }
  const progress = (value - curve.worst) / (curve.best - curve.worst);
  return roundPoints(maxPoints * Math.min(1, Math.max(0, progress)));
}
