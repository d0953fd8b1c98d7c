import { ValidationFailedError } from '@xaso/api';
import { isValidLocalDate } from '@xaso/calendar';

/** A reporting period of local days, `from` ≤ `to` (statistics, export). */
export function assertPeriod(from: string, to: string): void {
  if (!isValidLocalDate(from) || !isValidLocalDate(to) || to < from) {
    throw new ValidationFailedError('from/to must be dates with from ≤ to', 'Khoảng thời gian không hợp lệ', { field: 'to' });
  }
}
