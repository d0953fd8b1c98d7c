import { fromEpochDay, type LocalDate, toEpochDay } from '@xaso/calendar';
import type { DailyFact } from './daily-fact';
import { METRIC } from './metrics';

/**
 * How many citizen reception days the commune chairperson owes (DESIGN.md "Petitions"; Law on
 * Citizen Reception 2013 Art. 15: at least 1 day a week; from 2026-07-01, Law 136/2025/QH15: at
 * least 2 days a month), as facts placed on the day that carries the duty, so any period's
 * requirement is a plain sum like every other metric: 1 on each Thursday before 2026-07-01 (an
 * ISO week belongs to the period holding its Thursday), 2 on each 15th from July 2026 (a month
 * belongs to the period holding its middle day).
 */
export const MONTHLY_RECEPTION_RULE_FROM: LocalDate = '2026-07-01';
export const RECEPTION_DAYS_PER_MONTH = 2;

const THURSDAY_OFFSET = 0; // 1970-01-01 (epoch day 0) was a Thursday

export function requiredReceptionFacts(unitCode: string, from: LocalDate, to: LocalDate): DailyFact[] {
  const facts: DailyFact[] = [];
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const weeklyEnd = Math.min(end, toEpochDay(MONTHLY_RECEPTION_RULE_FROM) - 1);
  const firstThursday = start + ((((THURSDAY_OFFSET - start) % 7) + 7) % 7);
  for (let day = firstThursday; day <= weeklyEnd; day += 7) {
    facts.push({ unitCode, day: fromEpochDay(day), metric: METRIC.receptionSessionRequired, value: 1 });
  }
  const [fy, fm] = (from > MONTHLY_RECEPTION_RULE_FROM ? from : MONTHLY_RECEPTION_RULE_FROM).split('-').map(Number);
  for (let y = fy, m = fm; ; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const middle = `${y}-${String(m).padStart(2, '0')}-15`;
    if (middle > to) break;
    if (middle >= from && middle >= MONTHLY_RECEPTION_RULE_FROM) facts.push({ unitCode, day: middle, metric: METRIC.receptionSessionRequired, value: RECEPTION_DAYS_PER_MONTH });
  }
  return facts;
}
