/**
 * Dossier statistics for a unit and a period [Decree 118/2025; Circular 01/2018/TT-VPCP report
 * shape]. Pure: give it the dossiers (received up to the end of the period) and the period.
 *
 * Definitions (period = local dates [from, to], inclusive; start = from 00:00 local,
 * end = the day after `to` 00:00 local):
 * - *finished at t*: completedAt ≤ t (processing ended: PROCESSED/RETURNED, REFUSED, STOPPED, WITHDRAWN).
 * - carriedOver: received before start and not finished before start.
 * - received: received in [start, end), split by channel.
 * - resolved: finished in [start, end) with a decision — PROCESSED, RETURNED or REFUSED (a
 *   refusal is a decision on the dossier); classified EARLY / ON_TIME / LATE against the *legal*
 *   due date (`classifyResolution`, by local day; an apology's new date does not make a late
 *   dossier on time).
 * - closedWithoutDecision: WITHDRAWN or STOPPED in [start, end) — neither resolved nor pending.
 * - pending at the end: received before end and not finished before end; pendingOverdue when the
 *   legal due instant is before end (the due day has passed), else pendingOnTime.
 * - onTimeRate = (early + onTime) / resolved; null when nothing was resolved.
 * Identity: carriedOver + received = resolved + closedWithoutDecision + pendingOnTime + pendingOverdue.
 */
import { LocalDate, addDays, atLocalTime, classifyResolution, isValidLocalDate } from '@xaso/calendar';
import type { DossierChannel } from '@xaso/calendar';
import { DossierDomainError, DossierStatus, isFinishedStatus } from '../../dossiers/domain';

export interface StatisticsDossier {
  receivedAt: Date;
  /** The legal due date (not an apology's new date). Null = no deadline (counted on time). */
  dueAt: Date | null;
  completedAt: Date | null;
  status: DossierStatus;
  channel: DossierChannel;
}

export interface DossierStatistics {
  from: LocalDate;
  to: LocalDate;
  carriedOver: number;
  received: { total: number; online: number; direct: number; postal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  closedWithoutDecision: number;
  pendingOnTime: number;
  pendingOverdue: number;
  /** (early + onTime) / resolved, 0..1; null when nothing was resolved in the period. */
  onTimeRate: number | null;
}

/** Finished with a decision on the dossier (counted as resolved). */
export const DECISION_STATUSES: ReadonlySet<DossierStatus> = new Set([DossierStatus.PROCESSED, DossierStatus.RETURNED, DossierStatus.REFUSED]);

export function computeDossierStatistics(dossiers: readonly StatisticsDossier[], period: { from: LocalDate; to: LocalDate }): DossierStatistics {
  const { from, to } = period;
  if (!isValidLocalDate(from) || !isValidLocalDate(to) || from > to) {
    throw new DossierDomainError('INVALID_STATISTICS_INPUT', `Invalid period ${from}..${to}`, `Kỳ báo cáo không hợp lệ: ${from}..${to}`);
  }
  const start = atLocalTime(from).getTime();
  const end = atLocalTime(addDays(to, 1)).getTime();
  const out: DossierStatistics = {
    from,
    to,
    carriedOver: 0,
    received: { total: 0, online: 0, direct: 0, postal: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    closedWithoutDecision: 0,
    pendingOnTime: 0,
    pendingOverdue: 0,
    onTimeRate: null,
  };
  for (const d of dossiers) {
    const received = d.receivedAt.getTime();
    if (received >= end) continue;
    let completed: number | null = null;
    if (isFinishedStatus(d.status)) {
      if (!d.completedAt) {
        throw new DossierDomainError('INVALID_STATISTICS_INPUT', `A ${d.status} dossier needs completedAt`, `Hồ sơ ở trạng thái ${d.status} thiếu thời điểm hoàn thành`);
      }
      completed = d.completedAt.getTime();
    }
    const finishedBefore = (t: number) => completed !== null && completed < t;
    if (received < start) {
      if (finishedBefore(start)) continue;
      out.carriedOver++;
    } else {
      out.received.total++;
      if (d.channel === 'ONLINE') out.received.online++;
      else if (d.channel === 'DIRECT') out.received.direct++;
      else out.received.postal++;
    }
    if (completed !== null && completed < end) {
      if (DECISION_STATUSES.has(d.status)) {
        out.resolved.total++;
        const c = classifyResolution(d.dueAt, d.completedAt as Date);
        if (c === 'EARLY') out.resolved.early++;
        else if (c === 'ON_TIME') out.resolved.onTime++;
        else out.resolved.late++;
      } else {
        out.closedWithoutDecision++;
      }
    } else if (d.dueAt && d.dueAt.getTime() < end) {
      out.pendingOverdue++;
    } else {
      out.pendingOnTime++;
    }
  }
  out.onTimeRate = out.resolved.total === 0 ? null : (out.resolved.early + out.resolved.onTime) / out.resolved.total;
  return out;
}
