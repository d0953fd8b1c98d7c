import { LocalDate, compareLocalDates } from '@xaso/calendar';
import { MeasurementPeriod } from '../../scorecards/domain/scorecard';

/**
 * The local days a computation sums over for a cycle year, cut at `asOf` (the submission day:
 * values are frozen then, so nothing after it may count).
 */
export function periodDays(period: MeasurementPeriod, year: number, asOf?: LocalDate): { from: LocalDate; to: LocalDate } {
  const from = `${year}-${period.fromMonthDay}`;
  const end = `${year}-${period.toMonthDay}`;
  const to = asOf && compareLocalDates(asOf, end) < 0 ? asOf : end;
  return { from, to };
}
