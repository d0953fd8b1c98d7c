import { ValidationFailedError } from '@xaso/api';
import { type LocalDate, isValidLocalDate } from '@xaso/calendar';

/** Every entry point (GraphQL, REST, other callers) gets the same answer for a day that does not exist. */
export function checkedDay(asOf: LocalDate, field = 'asOf'): LocalDate {
  if (!isValidLocalDate(asOf)) {
    throw new ValidationFailedError(`${field} must be a calendar date YYYY-MM-DD: ${asOf}`, `${field} phải là ngày dạng YYYY-MM-DD: ${asOf}`, { field });
  }
  return asOf;
}
