import { firstCombinedYear } from './combining-assessments';

describe('firstCombinedYear', () => {
  it('is the effective date’s year', () => {
    expect(firstCombinedYear('2025-07-01')).toBe(2025);
  });
  it('refuses what is not a date', () => {
    expect(() => firstCombinedYear('x')).toThrow();
  });
});
