import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DossierChannel } from '@xaso/calendar';
import { managerFor } from '@xaso/persistence';
import type { DossierStatus } from '../../dossiers/domain';
import type { StatisticsDossier } from '../domain';
import { type StatisticsCounts, type StatisticsStatuses, UnitStatisticsRepository } from '../application/unit-statistics.port';

type Row = Record<string, unknown>;

/** `UnitStatisticsRepository` over PostgreSQL: set-based reads of the dossier table. */
@Injectable()
export class PgUnitStatisticsRepository extends UnitStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private get db() {
    return managerFor(this.dataSource);
  }

  /**
   * Dossiers of a unit (as processing unit) that matter for a period [from, to): received before
   * `to` and not closed/resolved before `from`. Only the columns statistics need.
   */
  async dossiersFor(unitCode: string, from: Date, to: Date): Promise<StatisticsDossier[]> {
    const rows: Row[] = await this.db.query(
      `SELECT received_at, due_at, completed_at, status, channel FROM dossier
        WHERE processing_unit_code = $1 AND received_at < $3
          AND COALESCE(completed_at, 'infinity'::timestamptz) >= $2`,
      [unitCode, from, to],
    );
    return rows.map((r) => ({
      receivedAt: r.received_at as Date,
      dueAt: r.due_at as Date | null,
      completedAt: r.completed_at as Date | null,
      status: r.status as DossierStatus,
      channel: r.channel as DossierChannel,
    }));
  }

  /**
   * The unit's statistics for [from, to) in one set-based query (COUNT … FILTER), with exactly
   * the definitions of the pure `computeDossierStatistics` (statistics/domain/statistics.ts; a test
   * keeps the two equal on a seeded set): finished = a finished status with its completed_at;
   * carried over = received before `from` and not finished before it; resolved = finished in the
   * period with a decision, classified by local day (UTC+7) against the legal due date (`due_at`,
   * not the apology's); pending overdue = not finished by `to` and due before `to`.
   */
  async counts(unitCode: string, from: Date, to: Date, statuses: StatisticsStatuses): Promise<StatisticsCounts> {
    const localDay = (column: string) => `((${column} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
    const rows: Record<string, number>[] = await this.db.query(
      `WITH d AS (
         SELECT received_at, due_at, channel, status = ANY($5::text[]) AS decision,
                CASE WHEN status = ANY($4::text[]) THEN completed_at END AS done
           FROM dossier
          WHERE processing_unit_code = $1 AND received_at < $3
       ), k AS (
         SELECT *, received_at < $2 AS before, (done IS NOT NULL AND done < $3) AS finished
           FROM d
          WHERE NOT (received_at < $2 AND done IS NOT NULL AND done < $2)
       )
       SELECT count(*) FILTER (WHERE before)::int AS carried_over,
              count(*) FILTER (WHERE NOT before)::int AS received_total,
              count(*) FILTER (WHERE NOT before AND channel = 'ONLINE')::int AS received_online,
              count(*) FILTER (WHERE NOT before AND channel = 'DIRECT')::int AS received_direct,
              count(*) FILTER (WHERE NOT before AND channel NOT IN ('ONLINE', 'DIRECT'))::int AS received_postal,
              count(*) FILTER (WHERE finished AND decision)::int AS resolved_total,
              count(*) FILTER (WHERE finished AND decision AND due_at IS NOT NULL AND ${localDay('done')} < ${localDay('due_at')})::int AS resolved_early,
              count(*) FILTER (WHERE finished AND decision AND (due_at IS NULL OR ${localDay('done')} = ${localDay('due_at')}))::int AS resolved_on_time,
              count(*) FILTER (WHERE finished AND decision AND due_at IS NOT NULL AND ${localDay('done')} > ${localDay('due_at')})::int AS resolved_late,
              count(*) FILTER (WHERE finished AND NOT decision)::int AS closed_without_decision,
              count(*) FILTER (WHERE NOT finished AND due_at IS NOT NULL AND due_at < $3)::int AS pending_overdue,
              count(*) FILTER (WHERE NOT finished AND (due_at IS NULL OR due_at >= $3))::int AS pending_on_time
         FROM k`,
      [unitCode, from, to, [...statuses.finished], [...statuses.decision]],
    );
    const r = rows[0];
    return {
      carriedOver: r.carried_over,
      received: { total: r.received_total, online: r.received_online, direct: r.received_direct, postal: r.received_postal },
      resolved: { total: r.resolved_total, early: r.resolved_early, onTime: r.resolved_on_time, late: r.resolved_late },
      closedWithoutDecision: r.closed_without_decision,
      pendingOnTime: r.pending_on_time,
      pendingOverdue: r.pending_overdue,
    };
  }
}
