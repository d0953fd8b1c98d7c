import { COMMUNE, VILLAGES } from './voting-test-app';

/** Valid 12-digit ID numbers (province code 001) for roll row `i`. */
export const idNumberOf = (i: number) => `0010850${String(10000 + i).slice(-5)}`;

/** The CSV of roll rows with the header (CRLF, names quoted). */
export const csvOf = (rows: { householdId: string | null; idNumber: string; name: string; villageCode: string }[]) =>
  ['householdId,idNumber,name,villageCode', ...rows.map((r) => `${r.householdId ?? ''},${r.idNumber},"${r.name}",${r.villageCode}`)].join('\r\n');

/** A household roll of `n` rows in the first village. */
export const householdRoll = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ householdId: `H-${i + 1}`, idNumber: idNumberOf(i + 1), name: `Nguyễn Văn ${i + 1}`, villageCode: VILLAGES[0] }));

export const pollInput = (over: Record<string, unknown> = {}) => ({
  unitCode: COMMUNE,
  villageCode: VILLAGES[0],
  matter: 'PUBLIC_WORKS_CONTRIBUTION',
  title: 'Đóng góp làm đường thôn',
  description: 'Mỗi hộ đóng góp 500.000 đồng',
  optionKind: 'YES_NO_ABSTAIN',
  electorate: 'HOUSEHOLDS',
  channels: ['ONLINE', 'PAPER'],
  opensAt: '2026-12-10T01:00:00Z',
  closesAt: '2026-12-12T10:00:00Z',
  ...over,
});

export const POLL_FIELDS = 'id status rollSize rollHash boardRoot villageCode';
