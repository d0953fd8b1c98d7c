import { LocalDate } from '@xaso/calendar';
import { SCHEDULED_METRICS } from './metrics';

/** How much of one metric happened in one unit on one local day (a count, never a rate). */
export interface DailyFact {
  readonly unitCode: string;
  readonly day: LocalDate;
  readonly metric: string;
  readonly value: number;
}

/** Sums per metric over a set of facts, and how many distinct days had any fact. */
export interface AggregatedFacts {
  readonly totals: ReadonlyMap<string, number>;
  readonly daysWithFacts: number;
}

/**
 * Sums facts per metric. Rates are formed afterwards from these sums (Σ numerator / Σ
 * denominator), never by averaging daily rates: a day with 1 dossier must not weigh as much as
 * a day with 100.
 */
export function aggregateFacts(facts: readonly DailyFact[]): AggregatedFacts {
  const totals = new Map<string, number>();
  const days = new Set<string>();
  for (const fact of facts) {
    totals.set(fact.metric, (totals.get(fact.metric) ?? 0) + fact.value);
    if (!SCHEDULED_METRICS.has(fact.metric)) days.add(fact.day); // a duty is not something that happened
  }
  return { totals, daysWithFacts: days.size };
}

export function totalOf(aggregated: AggregatedFacts, metric: string): number {
  return aggregated.totals.get(metric) ?? 0;
}

/** Facts of one unit within [from, to] (local dates, inclusive). */
export function factsOfUnitBetween(facts: readonly DailyFact[], unitCode: string, from: LocalDate, to: LocalDate): DailyFact[] {
  return facts.filter((f) => f.unitCode === unitCode && f.day >= from && f.day <= to);
}
