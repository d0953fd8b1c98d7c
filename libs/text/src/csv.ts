import { DomainError } from '@xaso/errors';

/**
 * The records of an RFC 4180 text (one parser for every CSV upload: voting's rolls, dossiers
 * handed over from legacy systems). Quoted fields may hold commas, quotes ("") and line breaks;
 * CRLF, LF and CR end a record; a leading byte-order mark and blank lines are dropped.
 */
export function csvRecords(text: string): string[][] {
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
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) throw new DomainError('BAD_USER_INPUT', 'Unterminated quoted field in the CSV', 'Tệp CSV có trường trong dấu ngoặc kép chưa đóng', 'invalid', { field: 'csv' });
  if (field !== '' || row.length) endRow();
  return out.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}
