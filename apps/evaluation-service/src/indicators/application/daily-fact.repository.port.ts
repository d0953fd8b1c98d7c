import type { LocalDate } from '@xaso/calendar';
import type { DailyFact } from '../domain/daily-fact';

/** Per-commune, per-day metric counts (joins the ambient transaction, e.g. an event handler's). */
export abstract class DailyFactRepository {
  /** Adds the facts' values to what the days already hold (one set-based upsert). */
  abstract add(facts: readonly DailyFact[]): Promise<void>;
  /** Records that something happened on the days (value 1 once per unit, day and metric, however often it is marked). */
  abstract mark(facts: readonly DailyFact[]): Promise<void>;
  /** A unit's facts on the days in [from, to], with those of the communes merged into it before their merger (successor links). */
  abstract between(unitCode: string, from: LocalDate, to: LocalDate): Promise<DailyFact[]>;
}
