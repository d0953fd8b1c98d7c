import { AppError } from './app-error';
import { encodeCursor, offsetFromCursor, pageFromOffset } from './cursor';
import { DateScalar, isLocalDate } from './date.scalar';

describe('offset cursors', () => {
  it('continues after the cursor of the last edge', () => {
    const page = pageFromOffset(['a', 'b'], 0, 5);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(offsetFromCursor(page.pageInfo.endCursor)).toBe(2);
    const last = pageFromOffset(['e'], 4, 5);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a forged cursor with BAD_USER_INPUT', () => {
    expect(() => offsetFromCursor('not-a-cursor')).toThrow(AppError);
    expect(() => offsetFromCursor(encodeCursor({ o: -3 }))).toThrow(/Invalid cursor/);
  });
});

describe('Date scalar', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-7-1')).toBe(false);
    expect(DateScalar.parseValue('2025-07-01')).toBe('2025-07-01');
    expect(() => DateScalar.parseValue('01/07/2025')).toThrow(/YYYY-MM-DD/);
  });
});
