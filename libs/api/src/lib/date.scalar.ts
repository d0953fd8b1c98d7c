import { registerDecorator, type ValidationOptions } from 'class-validator';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ValidationFailedError } from './app-error';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;

/** A real calendar day written YYYY-MM-DD (2024-02-29 yes, 2025-02-29 and 2024-02-30 no). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** An RFC 3339 date-time with a zone whose day, hour, minute and second all exist. */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  if (!match || !isLocalDate(match[1])) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  const offset = match[6] === undefined ? [0, 0] : [Number(match[6]), Number(match[7])];
  return hour < 24 && minute < 60 && second < 60 && offset[0] < 24 && offset[1] < 60 && !Number.isNaN(Date.parse(value));
}

const shown = (value: unknown) => (typeof value === 'string' && value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value));

function literal(ast: ValueNode): unknown {
  return ast.kind === Kind.STRING ? ast.value : undefined;
}

function parseDate(value: unknown): string {
  if (!isLocalDate(value)) {
    throw new ValidationFailedError(
      `Date must be a calendar date YYYY-MM-DD, got ${shown(value)}`,
      `Ngày phải là ngày có thật, dạng YYYY-MM-DD, nhận được ${shown(value)}`,
    );
  }
  return value;
}

function parseDateTime(value: unknown): Date {
  if (!isDateTime(value)) {
    throw new ValidationFailedError(
      `DateTime must be an ISO 8601 date-time with a zone (2026-03-20T10:00:00Z), got ${shown(value)}`,
      `Thời điểm phải theo ISO 8601 có múi giờ (2026-03-20T10:00:00Z), nhận được ${shown(value)}`,
    );
  }
  return new Date(value);
}

/**
 * `Date`: a calendar day (YYYY-MM-DD) with no time or zone; resolvers see plain strings.
 * Impossible days are a BAD_USER_INPUT, in the subgraphs and already at the gateway.
 */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (ngày dương lịch)',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literal(ast)),
});

/** `DateTime` (the name code-first `Date` fields get): an instant; resolvers see `Date` objects. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time string at UTC or with an offset, ISO 8601 (thời điểm)',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'number') return new Date(value).toISOString();
    return value;
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literal(ast)),
});

/** class-validator: a real calendar day YYYY-MM-DD (REST query strings and bodies). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isLocalDate(value) },
    });
}

/** class-validator: an ISO 8601 date-time with a zone whose day and time exist. */
export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an ISO 8601 date-time with a zone`, ...options },
      validator: { validate: (value: unknown) => isDateTime(value) },
    });
}
