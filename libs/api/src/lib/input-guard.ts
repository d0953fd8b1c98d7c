import { ValidationFailedError } from './app-error';

/**
 * The longest free text any field takes (a petition's content is up to 20,000 characters);
 * fields with a domain limit are tighter (class-validator `@MaxLength`), file contents use the
 * `Base64` scalar. Anything longer is refused before it reaches a resolver or PostgreSQL.
 */
export const MAX_STRING_LENGTH = 20_000;

/**
 * C0 controls except TAB, LF and CR, DEL, and C1 controls. PostgreSQL refuses NUL in text and
 * jsonb outright; the others have no place in a name, a code or a note either.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export type StringProblem = 'CONTROL_CHARACTER' | 'TOO_LONG' | 'TOO_DEEP';

/** No form or JSON field of ours nests deeper; past this the value is refused, not searched. */
export const MAX_NESTING_DEPTH = 32;

export interface UnsafeInput {
  /** Where the value was, e.g. `input.petitioner.fullName` or `query.search`. */
  field: string;
  problem: StringProblem;
  maxLength?: number;
}

export function stringProblem(value: string, maxLength = MAX_STRING_LENGTH): StringProblem | undefined {
  if (value.length > maxLength) return 'TOO_LONG';
  if (CONTROL_CHARACTER.test(value)) return 'CONTROL_CHARACTER';
  return undefined;
}

/** The first string anywhere in `value` (objects, arrays) that is too long or holds a control character. */
export function findUnsafeString(value: unknown, field: string, maxLength = MAX_STRING_LENGTH, depth = 0): UnsafeInput | undefined {
  if (typeof value === 'string') {
    const problem = stringProblem(value, maxLength);
    return problem ? { field, problem, ...(problem === 'TOO_LONG' ? { maxLength } : {}) } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_NESTING_DEPTH) return { field, problem: 'TOO_DEEP' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeString(value[i], `${field}[${i}]`, maxLength, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    // Keys are text too (a JSON object's keys end up in jsonb).
    const keyProblem = findUnsafeString(key, `${field}.<key>`, 200, depth + 1);
    if (keyProblem) return keyProblem;
    const found = findUnsafeString(item, field ? `${field}.${key}` : key, maxLength, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The bilingual BAD_USER_INPUT for an unsafe string; `details` names the field and the problem. */
export function unsafeInputError(unsafe: UnsafeInput): ValidationFailedError {
  const details = { field: unsafe.field, problem: unsafe.problem, ...(unsafe.maxLength ? { maxLength: unsafe.maxLength } : {}) };
  if (unsafe.problem === 'TOO_DEEP') {
    return new ValidationFailedError(
      `${unsafe.field} is nested too deeply (at most ${MAX_NESTING_DEPTH} levels)`,
      `${unsafe.field} lồng quá sâu (tối đa ${MAX_NESTING_DEPTH} cấp)`,
      details,
    );
  }
  if (unsafe.problem === 'TOO_LONG') {
    return new ValidationFailedError(
      `${unsafe.field} is too long (at most ${unsafe.maxLength} characters)`,
      `${unsafe.field} quá dài (tối đa ${unsafe.maxLength} ký tự)`,
      details,
    );
  }
  return new ValidationFailedError(
    `${unsafe.field} contains a control character (such as NUL), which is not allowed`,
    `${unsafe.field} chứa ký tự điều khiển (như NUL), không được phép`,
    details,
  );
}

/** Throws {@link unsafeInputError} for the first unsafe string in `value`. */
export function assertSafeStrings(value: unknown, field: string, maxLength = MAX_STRING_LENGTH): void {
  const unsafe = findUnsafeString(value, field, maxLength);
  if (unsafe) throw unsafeInputError(unsafe);
}
