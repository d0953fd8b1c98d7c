import type { DossierListFilter, DossierScope } from '../application/dossier.records';

/** SQL parameters collected while a query is built; `add` returns the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The WHERE clause (or '') of the dossiers visible in `scope` that match `filter`. */
export function dossierListWhere(scope: DossierScope, filter: DossierListFilter, params: SqlParams): string {
  const p = (value: unknown) => params.add(value);
  const where: string[] = [];
  if (!scope.all) {
    const visible: string[] = [];
    if (scope.unitCodes?.length) {
      const units = p(scope.unitCodes);
      visible.push(`receiving_unit_code = ANY(${units}) OR competent_unit_code = ANY(${units}) OR processing_unit_code = ANY(${units})`);
    }
    if (scope.provinceCode) {
      const province = p(scope.provinceCode);
      visible.push(
        `EXISTS (SELECT 1 FROM admin_unit_replica u WHERE u.code IN (receiving_unit_code, competent_unit_code, processing_unit_code)
                   AND (u.code = ${province} OR u.parent_code = ${province}))`,
      );
    }
    if (scope.applicantSub) visible.push(`applicant_sub = ${p(scope.applicantSub)}`);
    if (scope.applicantIdNumber) visible.push(`applicant_id_number = ${p(scope.applicantIdNumber)}`);
    where.push(visible.length ? `(${visible.join(' OR ')})` : 'false');
  }
  if (filter.status?.length) where.push(`status = ANY(${p(filter.status)})`);
  if (filter.procedureCode) where.push(`procedure_code = ${p(filter.procedureCode)}`);
  if (filter.channel) where.push(`channel = ${p(filter.channel)}`);
  if (filter.unitCode) {
    const unit = p(filter.unitCode);
    where.push(`(receiving_unit_code = ${unit} OR competent_unit_code = ${unit} OR processing_unit_code = ${unit})`);
  }
  if (filter.receivedFrom) where.push(`received_at >= ${p(filter.receivedFrom)}`);
  if (filter.receivedTo) where.push(`received_at < ${p(filter.receivedTo)}`);
  if (filter.overdue !== undefined) {
    const overdue = `(closed_at IS NULL AND completed_at IS NULL AND paused_since IS NULL AND COALESCE(apology_new_due_at, due_at) < ${p(filter.now)})`;
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}
