import type { StatisticsDossier } from '../domain';

/** What the set-based statistics query counts (the same buckets as the pure `computeDossierStatistics`). */
export interface StatisticsCounts {
  carriedOver: number;
  received: { total: number; online: number; direct: number; postal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  closedWithoutDecision: number;
  pendingOnTime: number;
  pendingOverdue: number;
}

/** Which stored statuses end processing, and which of those are a decision on the dossier. */
export interface StatisticsStatuses {
  finished: readonly string[];
  decision: readonly string[];
}

/** Reads of the dossier tables for statistics. Joins the ambient transaction (`TransactionRunner.run`). */
export abstract class UnitStatisticsRepository {
  /**
   * The unit's statistics (as processing unit) for [from, to) in one set-based query, with exactly
   * the definitions of the pure `computeDossierStatistics` (statistics/domain/statistics.ts).
   */
  abstract counts(unitCode: string, from: Date, to: Date, statuses: StatisticsStatuses): Promise<StatisticsCounts>;
  /**
   * Dossiers of a unit (as processing unit) that matter for a period [from, to): received before
   * `to` and not closed/resolved before `from`; only the fields statistics need.
   */
  abstract dossiersFor(unitCode: string, from: Date, to: Date): Promise<StatisticsDossier[]>;
}
