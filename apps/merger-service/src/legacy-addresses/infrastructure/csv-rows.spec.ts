import { csvLine, parseCsvRows } from './csv-rows';

describe('address CSV files', () => {
  it('reads quoted fields with commas, quotes and line ends, and writes them back', () => {
    const rows = parseCsvRows('\uFEFFward,district,province\r\n"P. Bến Nghé","Q1","TP ""HCM"", VN"\nTân Định,,\n');
    expect(rows).toEqual([['ward', 'district', 'province'], ['P. Bến Nghé', 'Q1', 'TP "HCM", VN'], ['Tân Định', '', '']]);
    expect(csvLine(rows[1])).toBe('P. Bến Nghé,Q1,"TP ""HCM"", VN"');
  });
});
