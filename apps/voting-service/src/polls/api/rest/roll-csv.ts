import { ValidationFailedError } from '@xaso/api';
import type { RollRowInput } from '../../domain';

const COLUMNS = ['householdId', 'idNumber', 'name', 'villageCode'] as const;

/** RFC 4180 fields of one text: quoted fields may hold commas, quotes ("") and line breaks. */
function records(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    out.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) throw new ValidationFailedError('Unterminated quoted field in the CSV', 'Tệp CSV có trường trong dấu ngoặc kép chưa đóng', { field: 'csv' });
  if (field !== '' || row.length) endRow();
  return out.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** A roll CSV with the header `householdId,idNumber,name,villageCode` (any order) → rows for the domain's row-by-row check. */
export function rollRowsOfCsv(csv: string): RollRowInput[] {
  const [header, ...rows] = records(typeof csv === 'string' ? csv.replace(/^\uFEFF/, '') : '');
  const names = (header ?? []).map((h) => h.trim());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)]));
  const missing = COLUMNS.filter((c) => c !== 'householdId' && index[c] < 0);
  if (missing.length) {
    throw new ValidationFailedError(`The CSV header lacks ${missing.join(', ')}`, `Dòng tiêu đề CSV thiếu cột ${missing.join(', ')}`, { field: 'csv', missing, expected: COLUMNS });
  }
  const at = (r: string[], c: (typeof COLUMNS)[number]) => (index[c] < 0 ? '' : (r[index[c]] ?? ''));
  return rows.map((r) => ({ householdId: at(r, 'householdId') || null, idNumber: at(r, 'idNumber'), name: at(r, 'name'), villageCode: at(r, 'villageCode') }));
}
