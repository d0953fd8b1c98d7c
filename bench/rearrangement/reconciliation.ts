/**
 * The participants' replies through merger's own reconciliation check (`reconcile`: before =
 * moved + assigned + queued + failed per service × record type × source; the service's SHA-256
 * over the moved ids against merger's, where the reply carried the ids), summed per record type.
 */
import { movedIdsDigest, type RearrangementReply } from '@xaso/contracts';
import { type ReconciliationRow, reconcile, reconciliationCsv, type ReportSource } from '../../apps/merger-service/src/rearrangement-saga/domain/reconciliation';

export interface RecordTypeTotals {
  recordType: string;
  rows: number;
  balanced: number;
  before: number;
  moved: number;
  queued: number;
  failed: number;
  carriedOver: number;
  after: number;
  hashesChecked: number;
  hashesUnknown: number;
}

export interface ServiceReconciliation {
  totals: { before: number; moved: number; queued: number; failed: number; carriedOver: number; reviewItems: number };
  byRecordType: RecordTypeTotals[];
  unbalancedRows: number;
  hashMismatches: number;
  /** Every row as merger's reconciliation CSV export writes it (service × record type × source → target). */
  csv: string;
  /** A few rows of divided communes (moved by village + queued for review), for the printed report. */
  dividedSample: ReconciliationRow[];
}

export function reconciliationOf(service: string, replies: readonly RearrangementReply[]): ServiceReconciliation {
  const sources: ReportSource[] = replies.flatMap((reply) =>
    reply.rows.map((row) => ({
      service, recordType: row.recordType, sourceCode: row.sourceCode, before: row.before, failed: row.failed, carriedOver: row.carriedOver, after: row.after, queued: row.queued,
      targets: row.targets.map((t) => ({
        targetCode: t.targetCode, moved: t.moved, byVillage: t.byVillage ?? 0, byAddress: t.byAddress ?? 0, assigned: 0, serviceSha256: t.movedIdsSha256, mergerSha256: t.movedIds ? movedIdsDigest(t.movedIds) : null,
      })),
    })),
  );
  const rows = reconcile(sources);
  const byType = new Map<string, RecordTypeTotals>();
  for (const r of rows) {
    const t = byType.get(r.recordType) ?? { recordType: r.recordType, rows: 0, balanced: 0, before: 0, moved: 0, queued: 0, failed: 0, carriedOver: 0, after: 0, hashesChecked: 0, hashesUnknown: 0 };
    t.rows += 1;
    t.balanced += r.balanced ? 1 : 0;
    t.before += r.before;
    t.moved += r.movedTotal;
    t.queued += r.queued;
    t.failed += r.failed;
    t.carriedOver += r.carriedOver;
    t.after += r.after;
    t.hashesChecked += r.hashesMatch === true ? 1 : 0;
    t.hashesUnknown += r.hashesMatch === null ? 1 : 0;
    byType.set(r.recordType, t);
  }
  const byRecordType = [...byType.values()];
  const sum = (key: 'before' | 'moved' | 'queued' | 'failed' | 'carriedOver') => byRecordType.reduce((n, t) => n + t[key], 0);
  return {
    totals: { before: sum('before'), moved: sum('moved'), queued: sum('queued'), failed: sum('failed'), carriedOver: sum('carriedOver'), reviewItems: replies.reduce((n, r) => n + r.reviewItems.length, 0) },
    byRecordType,
    unbalancedRows: rows.filter((r) => !r.balanced).length,
    hashMismatches: rows.filter((r) => r.hashesMatch === false).length,
    csv: reconciliationCsv(rows),
    dividedSample: rows.filter((r) => r.targets.length > 1 && r.queued > 0).slice(0, 3),
  };
}
