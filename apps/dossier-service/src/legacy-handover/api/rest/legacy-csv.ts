import { ValidationFailedError } from '@xaso/api';
import { csvRecords } from '@xaso/text';
import type { LegacyDossierRowInput } from '../../domain';
import { LEGACY_CSV_COLUMNS } from './legacy-import.dto';

const REQUIRED = LEGACY_CSV_COLUMNS.filter((c) => !['applicantPhone', 'address', 'closedDate'].includes(c));

/** A CSV with the header of `LEGACY_CSV_COLUMNS` (any order; phone, address and closedDate optional) → rows for the row-by-row check. */
export function legacyRowsOfCsv(csv: string): LegacyDossierRowInput[] {
  const [header, ...records] = csvRecords(csv);
  const names = (header ?? []).map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new ValidationFailedError(`The CSV header lacks ${missing.join(', ')}`, `Dòng tiêu đề CSV thiếu cột ${missing.join(', ')}`, { field: 'csv', missing, expected: LEGACY_CSV_COLUMNS });
  }
  const at = (r: string[], column: (typeof LEGACY_CSV_COLUMNS)[number]) => {
    const i = names.indexOf(column);
    return i < 0 ? undefined : r[i];
  };
  return records.map((r) => ({
    agencyCode: at(r, 'agencyCode'),
    originalCode: at(r, 'originalCode'),
    procedureCode: at(r, 'procedureCode'),
    receivedDate: at(r, 'receivedDate'),
    dueDate: at(r, 'dueDate'),
    status: at(r, 'status'),
    closedDate: at(r, 'closedDate'),
    applicant: { fullName: at(r, 'applicantName'), idNumber: at(r, 'applicantIdNumber'), phone: at(r, 'applicantPhone') },
    address: at(r, 'address'),
  }));
}
