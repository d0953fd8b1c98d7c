import { LocalDate } from '@xaso/calendar';
import { Scorecard, indicatorsOf } from '../../scorecards/domain/scorecard';
import { aggregateFacts, DailyFact } from './daily-fact';
import { measure, MeasuredValue } from './computed-value';
import { periodDays } from './measurement-period';

/**
 * The measured value of every COMPUTED and MIXED indicator of a scorecard for one unit's facts
 * in a cycle year, each over its own period cut at `asOf` (the submission day): what SUBMIT
 * freezes.
 */
export function measureScorecard(scorecard: Scorecard, unitFacts: readonly DailyFact[], year: number, asOf: LocalDate): Record<string, MeasuredValue> {
  const measured: Record<string, MeasuredValue> = {};
  for (const { indicator } of indicatorsOf(scorecard)) {
    if (indicator.kind === 'MANUAL') continue;
    const { from, to } = periodDays(indicator.computation.period, year, asOf);
    measured[indicator.code] = measure(indicator.computation, aggregateFacts(unitFacts.filter((f) => f.day >= from && f.day <= to)));
  }
  return measured;
}
