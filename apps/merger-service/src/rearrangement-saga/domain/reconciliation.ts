/**
 * The reconciliation report of a plan (issue 12, item 7): per service × record type × source the
 * counts the participant reported when it applied the plan, the records assigned from the review
 * queue since, and per target the SHA-256 over the moved ids as the service computed it and as
 * merger recomputed it from the ids it received. Pure.
 */
import type { ExportTable } from '@xaso/table-export';

export interface ReportTarget {
  targetCode: string;
  /** Moved by rule (whole unit, village, address) in the APPLY step. */
  moved: number;
  /** Of `moved`: by the village the record names, by its address (the rest moved with the whole unit). */
  byVillage: number;
  byAddress: number;
  /** Moved later from the review queue by an officer's assignment. */
  assigned: number;
  serviceSha256: string | null;
  mergerSha256: string | null;
}

export interface ReportSource {
  service: string;
  recordType: string;
  sourceCode: string;
  before: number;
  failed: number;
  carriedOver: number;
  after: number;
  /** Still waiting in the review queue. */
  queued: number;
  targets: ReportTarget[];
}

/** How a source's moved and waiting records went: the counts by rule. */
export interface RuleCounts {
  unit: number;
  village: number;
  address: number;
  /** Assigned by an officer from the review queue. */
  review: number;
}

export interface ReconciliationRow extends ReportSource {
  movedTotal: number;
  byRule: RuleCounts;
  /** before = moved + assigned + queued + failed. */
  balanced: boolean;
  /** Every target's hashes agree (null: merger did not get the ids, reply too large). */
  hashesMatch: boolean | null;
}

export function reconcile(sources: readonly ReportSource[]): ReconciliationRow[] {
  return sources.map((s) => {
    const movedTotal = s.targets.reduce((n, t) => n + t.moved + t.assigned, 0);
    const checked = s.targets.filter((t) => t.moved > 0);
    const unknown = checked.some((t) => t.mergerSha256 === null || t.serviceSha256 === null);
    const sum = (f: (t: ReportTarget) => number) => s.targets.reduce((n, t) => n + f(t), 0);
    const byRule = { unit: sum((t) => t.moved - t.byVillage - t.byAddress), village: sum((t) => t.byVillage), address: sum((t) => t.byAddress), review: sum((t) => t.assigned) };
    return {
      ...s,
      movedTotal,
      byRule,
      balanced: s.before === movedTotal + s.queued + s.failed,
      hashesMatch: unknown ? null : checked.every((t) => t.serviceSha256 === t.mergerSha256),
    };
  });
}

/** Rows that stop a sign-off: unbalanced, or a hash that differs. */
export const problemsOf = (rows: readonly ReconciliationRow[]): number => rows.filter((r) => !r.balanced || r.hashesMatch === false).length;

const CSV_HEADER = [
  'service', 'record_type', 'source_code', 'target_code', 'before', 'moved', 'by_village', 'by_address', 'assigned', 'queued', 'failed', 'carried_over', 'after',
  'balanced', 'service_sha256', 'merger_sha256', 'hash_match',
];

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote what needs it; a leading = + - @ is neutralised (CSV injection in spreadsheets).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One line per (service, record type, source, target); a source with no target gets one line with an empty target. */
export function reconciliationLines(rows: readonly ReconciliationRow[]): (string | number | boolean)[][] {
  const lines: (string | number | boolean)[][] = [];
  for (const r of rows) {
    const targets = r.targets.length ? r.targets : [null];
    for (const t of targets) {
      lines.push([
        r.service, r.recordType, r.sourceCode, t?.targetCode ?? '', r.before, t?.moved ?? 0, t?.byVillage ?? 0, t?.byAddress ?? 0, t?.assigned ?? 0, r.queued, r.failed, r.carriedOver, r.after,
        r.balanced, t?.serviceSha256 ?? '', t?.mergerSha256 ?? '', t ? (t.moved ? t.serviceSha256 !== null && t.serviceSha256 === t.mergerSha256 : '') : '',
      ]);
    }
  }
  return lines;
}

export function reconciliationCsv(rows: readonly ReconciliationRow[]): string {
  return [CSV_HEADER, ...reconciliationLines(rows)].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The same lines as a table to export (XLSX): the CSV's column names, numbers as numbers, booleans as true / false. */
export function reconciliationTable(planId: string, rows: readonly ReconciliationRow[]): ExportTable {
  const lines = reconciliationLines(rows).map((line) => line.map((v) => (typeof v === 'boolean' ? String(v) : v)));
  return {
    fileBase: `reconciliation-${planId}`,
    sheetName: 'Đối soát',
    columns: CSV_HEADER,
    rows: (async function* () {
      yield* lines;
    })(),
  };
}
