import { requiredReceptionFacts } from './reception-schedule';

const total = (from: string, to: string) => requiredReceptionFacts('00004', from, to).reduce((n, f) => n + f.value, 0);

describe('reception days required of the commune chairperson', () => {
  it('one day a week before 2026-07-01: the weeks whose Thursday lies in the period', () => {
    expect(total('2026-06-01', '2026-06-30')).toBe(4); // Thursdays 4, 11, 18, 25 June
    expect(total('2026-01-01', '2026-01-01')).toBe(1); // 1 Jan 2026 is a Thursday
    expect(total('2026-01-02', '2026-01-07')).toBe(0);
    expect(total('2025-01-01', '2025-12-31')).toBe(52);
  });

  it('two days a month from 2026-07-01: the months whose 15th lies in the period', () => {
    expect(total('2026-07-01', '2026-07-31')).toBe(2);
    expect(total('2026-07-16', '2026-08-14')).toBe(0);
    expect(total('2026-07-01', '2026-12-31')).toBe(12);
    expect(total('2026-01-01', '2026-12-31')).toBe(26 + 12); // 26 Thursdays to 25 June, then 6 months × 2
  });

  it('puts each requirement on its day (so periods add up)', () => {
    expect(total('2026-01-01', '2026-06-30') + total('2026-07-01', '2026-12-31')).toBe(total('2026-01-01', '2026-12-31'));
    expect(requiredReceptionFacts('00004', '2026-07-01', '2026-08-31').map((f) => [f.day, f.value])).toEqual([['2026-07-15', 2], ['2026-08-15', 2]]);
  });
});
