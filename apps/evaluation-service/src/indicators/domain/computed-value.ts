import { Computation } from '../../scorecards/domain/scorecard';
import { AggregatedFacts, totalOf } from './daily-fact';

/**
 * A measured value with its parts: a rate (numerator / denominator, 0–1 for well-formed
 * metrics) or a count (denominator null). `value: null` = no data (a zero denominator, or a
 * count for a unit with no facts in the period).
 */
export interface MeasuredValue {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
}

export function measure(computation: Computation, facts: AggregatedFacts): MeasuredValue {
  const numerator = totalOf(facts, computation.numerator);
  if (computation.denominator === null) {
    return { numerator, denominator: null, value: facts.daysWithFacts === 0 ? null : numerator };
  }
  const denominator = totalOf(facts, computation.denominator);
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}
