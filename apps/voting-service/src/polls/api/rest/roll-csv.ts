import { ValidationFailedError } from '@xaso/api';
import { csvRecords } from '@xaso/text';
import type { RollRowInput } from '../../domain';

const COLUMNS = ['householdId', 'idNumber', 'name', 'villageCode'] as const;

/** A roll CSV with the header `householdId,idNumber,name,villageCode` (any order) → rows for the domain's row-by-row check. */
export function rollRowsOfCsv(csv: string): RollRowInput[] {
  const [header, ...rows] = csvRecords(typeof csv === 'string' ? csv : '');
  const names = (header ?? []).map((h) => h.trim());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)]));
  const missing = COLUMNS.filter((c) => c !== 'householdId' && index[c] < 0);
  if (missing.length) {
    throw new ValidationFailedError(`The CSV header lacks ${missing.join(', ')}`, `Dòng tiêu đề CSV thiếu cột ${missing.join(', ')}`, { field: 'csv', missing, expected: COLUMNS });
  }
  const at = (r: string[], c: (typeof COLUMNS)[number]) => (index[c] < 0 ? '' : (r[index[c]] ?? ''));
  return rows.map((r) => ({ householdId: at(r, 'householdId') || null, idNumber: at(r, 'idNumber'), name: at(r, 'name'), villageCode: at(r, 'villageCode') }));
}
