import { AppError } from './app-error';
import { decodeCursor, encodeCursor } from './cursor';
import { DateScalar, isLocalDate } from './date.scalar';

describe('opaque cursors', () => {
  it('round-trip JSON and refuse a forged cursor with BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor({ k: ['a', 1] }))).toEqual({ k: ['a', 1] });
    expect(() => decodeCursor('not-a-cursor')).toThrow(AppError);
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
